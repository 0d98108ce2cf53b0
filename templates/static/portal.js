// Marks the page as having JavaScript, as GOV.UK Frontend expects, then starts its components.
// Pages work without it; it only enhances them.
import { initAll } from './govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
