// Marks the page as having JavaScript, as GOV.UK Frontend expects, then starts its components.
// Pages work without it; it only enhances them.
import { initAll } from './govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

// Conditional reveals of radios: the block a radio reveals (data-portal-reveals names it) shows only while
// that radio is chosen. GOV.UK Frontend's own reveal marks radios aria-expanded, which ARIA does not allow on
// a radio and axe-core reports, so this one links them with aria-controls alone. Without JavaScript every
// block stays shown.
for (const input of document.querySelectorAll('input[type="radio"][data-portal-reveals]')) {
  const block = document.getElementById(input.dataset.portalReveals)
  if (!block) continue
  input.setAttribute('aria-controls', block.id)
  const sync = () => block.classList.toggle('govuk-radios__conditional--hidden', !input.checked)
  for (const radio of document.querySelectorAll('input[type="radio"]')) {
    if (radio.name === input.name) radio.addEventListener('change', sync)
  }
  sync()
}
