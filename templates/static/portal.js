// Marks the page as having JavaScript, as GOV.UK Frontend expects, then starts its components and the
// portal's own. Pages work without it; it only enhances them.
import { initAll } from './govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
document.querySelectorAll('[data-module="portal-organisation-picker"]').forEach((root) => {
  if (root.querySelector('select')) enhanceSelect(root)
  else enhanceSearch(root)
})

// enhanceSearch makes a picker's text box suggest organisations from the organisations API as the person
// types; choosing one fills in the hidden ID field. Typing again clears the ID, so the portal then reads
// the words as it does without JavaScript.
function enhanceSearch (root) {
  const input = root.querySelector('input[type="text"]')
  const hidden = root.querySelector('input[type="hidden"]')
  combobox(input, {
    find: (words) => fetch(root.dataset.searchUrl + '&q=' + encodeURIComponent(words), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then((res) => res.ok ? res.json() : { data: [] })
      .then((body) => body.data || []),
    choose: (o) => { hidden.value = String(o.id) },
    typed: () => { hidden.value = '' }
  })
}

// enhanceSelect puts a text box in front of a picker's list of organisations (which works without
// JavaScript) and hides the list: typing part of a name suggests the organisations that contain it, and
// choosing one selects it in the list, which is what the form sends.
function enhanceSelect (root) {
  const select = root.querySelector('select')
  const label = root.querySelector('label[for="' + select.id + '"]')
  const input = document.createElement('input')
  input.type = 'text'
  input.id = select.id + '_q'
  input.className = 'govuk-input' + (select.classList.contains('govuk-select--error') ? ' govuk-input--error' : '')
  input.autocomplete = 'off'
  input.spellcheck = false
  if (select.getAttribute('aria-describedby')) input.setAttribute('aria-describedby', select.getAttribute('aria-describedby'))
  input.value = select.value ? select.options[select.selectedIndex].text : ''
  select.hidden = true
  select.after(input)
  if (label) label.htmlFor = input.id
  const organisations = [...select.options].filter((o) => o.value).map((o) => ({ id: o.value, name: o.text }))
  combobox(input, {
    find: (words) => Promise.resolve(organisations.filter((o) => o.name.toLowerCase().includes(words.toLowerCase())).slice(0, 10)),
    choose: (o) => { select.value = String(o.id) },
    typed: () => { select.value = '' }
  })
}

// combobox turns a text box into a combobox (the ARIA 1.2 pattern with a list box): find(words) gives the
// organisations to suggest, choose(o) records the one chosen, typed() forgets it when the words change.
function combobox (input, { find, choose, typed }) {
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
      option.addEventListener('mousedown', (event) => { event.preventDefault(); pick(i) })
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
    find(words).then((organisations) => { if (ask === asked) show(organisations) }).catch(() => close())
  }

  function highlight (i) {
    const options = list.querySelectorAll('[role="option"]')
    options.forEach((o, j) => o.setAttribute('aria-selected', String(j === i)))
    active = i
    input.setAttribute('aria-activedescendant', options[i].id)
  }

  function pick (i) {
    input.value = found[i].name
    choose(found[i])
    close()
  }

  input.addEventListener('input', () => {
    typed()
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
      pick(active)
    } else if (event.key === 'Escape') {
      close()
    }
  })
  input.addEventListener('blur', () => setTimeout(close, 150))
}

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
