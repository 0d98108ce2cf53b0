// Marks the page as having JavaScript, as GOV.UK Frontend expects, then starts its components and the
// portal's own. Pages work without it; it only enhances them.
import { initAll } from './govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
document.querySelectorAll('[data-module="portal-organisation-picker"]').forEach(enhancePicker)

// enhancePicker turns an organisation picker's text box into a combobox (the ARIA 1.2 pattern with a
// list box): as the person types, it asks the organisations API for names containing the words, lists
// them under the box, and choosing one fills in the hidden ID field. Typing again clears the ID, so the
// portal then reads the words as it does without JavaScript.
function enhancePicker (root) {
  const input = root.querySelector('input[type="text"]')
  const hidden = root.querySelector('input[type="hidden"]')
  const searchURL = root.dataset.searchUrl
  const list = document.createElement('ul')
  const status = document.createElement('div')
  const wrapper = document.createElement('div')
  list.id = input.id + '-options'
  list.className = 'portal-picker__options'
  list.setAttribute('role', 'listbox')
  list.setAttribute('aria-label', 'Matching organisations')
  list.hidden = true
  status.className = 'govuk-visually-hidden'
  status.setAttribute('role', 'status')
  wrapper.className = 'portal-picker'
  input.replaceWith(wrapper)
  wrapper.append(input, list, status)
  input.setAttribute('role', 'combobox')
  input.setAttribute('aria-autocomplete', 'list')
  input.setAttribute('aria-expanded', 'false')
  input.setAttribute('aria-controls', list.id)

  let found = []
  let active = -1
  let timer = null
  let asked = 0

  function close () {
    list.hidden = true
    input.setAttribute('aria-expanded', 'false')
    input.removeAttribute('aria-activedescendant')
    active = -1
  }

  function show (organisations) {
    found = organisations
    list.replaceChildren(...organisations.map((o, i) => {
      const option = document.createElement('li')
      option.id = list.id + '-' + i
      option.className = 'portal-picker__option'
      option.setAttribute('role', 'option')
      option.setAttribute('aria-selected', 'false')
      option.textContent = o.name
      option.addEventListener('mousedown', (event) => { event.preventDefault(); choose(i) })
      return option
    }))
    const n = organisations.length
    status.textContent = n === 0 ? 'No organisations found' : n + (n === 1 ? ' organisation' : ' organisations') + ' found, use up and down to choose one'
    list.hidden = n === 0
    input.setAttribute('aria-expanded', String(n > 0))
    active = -1
  }

  function search () {
    const words = input.value.trim()
    if (words.length < 2) { close(); return }
    const ask = ++asked
    fetch(searchURL + '&q=' + encodeURIComponent(words), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then((res) => res.ok ? res.json() : { data: [] })
      .then((body) => { if (ask === asked) show(body.data || []) })
      .catch(() => close())
  }

  function highlight (i) {
    const options = list.querySelectorAll('[role="option"]')
    options.forEach((o, j) => o.setAttribute('aria-selected', String(j === i)))
    active = i
    input.setAttribute('aria-activedescendant', options[i].id)
  }

  function choose (i) {
    input.value = found[i].name
    hidden.value = String(found[i].id)
    close()
  }

  input.addEventListener('input', () => {
    hidden.value = ''
    clearTimeout(timer)
    timer = setTimeout(search, 200)
  })
  input.addEventListener('keydown', (event) => {
    const open = !list.hidden && found.length > 0
    if (event.key === 'ArrowDown' && open) {
      event.preventDefault()
      highlight((active + 1) % found.length)
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault()
      highlight((active - 1 + found.length) % found.length)
    } else if (event.key === 'Enter' && open && active >= 0) {
      event.preventDefault()
      choose(active)
    } else if (event.key === 'Escape') {
      close()
    }
  })
  input.addEventListener('blur', () => setTimeout(close, 150))
}
