// Building the page from plain DOM calls: no HTML strings, so nothing from the API is ever parsed as markup.

const SVG = 'http://www.w3.org/2000/svg';

/**
 * Creates an element. props: class, text, attributes (aria-*, data-*, id, type, ...), on<Event> handlers, and
 * value/checked/disabled/hidden as properties. Children: nodes, strings, arrays of them; null and false are skipped.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key === 'class') {
      element.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    } else if (key === 'text') {
      element.textContent = value;
    } else if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (['value', 'checked', 'disabled', 'hidden', 'selected', 'indeterminate'].includes(key)) {
      element[key] = value;
    } else {
      element.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function clear(element) {
  element.replaceChildren();
  return element;
}

// 24x24 line icons, drawn with the current text colour.
const ICONS = {
  check: ['M5 12.5l4.5 4.5L19 7.5'],
  cross: ['M6 6l12 12', 'M18 6L6 18'],
  clock: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18', 'M12 7v5l3.5 2'],
  alert: ['M12 3L2 20h20L12 3z', 'M12 10v4', 'M12 17v.5'],
  pen: ['M4 20l1-4L16 5l3 3L8 19l-4 1z', 'M14 7l3 3'],
  copy: ['M8 8h11v12H8z', 'M5 16V4h11'],
  stop: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18', 'M7.5 12h9'],
  history: ['M4 12a8 8 0 1 0 2.5-5.8', 'M4 4v4h4', 'M12 8v4l3 2'],
  chevronRight: ['M9 6l6 6-6 6'],
  chevronDown: ['M6 9l6 6 6-6'],
  refresh: ['M20 11a8 8 0 0 0-14.5-4.5', 'M5 3v4h4', 'M4 13a8 8 0 0 0 14.5 4.5', 'M19 21v-4h-4'],
  plus: ['M12 5v14', 'M5 12h14'],
  minus: ['M5 12h14'],
  download: ['M12 4v11', 'M7 10l5 5 5-5', 'M5 20h14'],
  upload: ['M12 20V9', 'M7 14l5-5 5 5', 'M5 4h14'],
  trash: ['M5 7h14', 'M9 7V4h6v3', 'M7 7l1 13h8l1-13'],
  question: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18', 'M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .8-1 1.5v.7', 'M12 17v.5'],
  play: ['M8 5l11 7-11 7z'],
  running: ['M12 3a9 9 0 1 0 9 9'],
  link: ['M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1', 'M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1'],
  test: ['M4 12h4l2-5 4 10 2-5h4'],
  broom: ['M14 4l6 6', 'M17 7l-8 8', 'M9 15l-5 5', 'M6 12l6 6'],
};

/**
 * An icon. With a label it is an image with that name (for status icons); without, it is decoration next to a
 * text or inside a labelled button.
 */
export function icon(name, label, className) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', ['icon', `icon-${name}`, className].filter(Boolean).join(' '));
  svg.setAttribute('focusable', 'false');
  if (label) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
    const title = document.createElementNS(SVG, 'title');
    title.textContent = label;
    svg.append(title);
  } else {
    svg.setAttribute('aria-hidden', 'true');
  }
  for (const d of ICONS[name] || []) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

/** A button with an icon and a visible text. */
export function button(text, iconName, onClick, props = {}) {
  return h('button', {type: 'button', class: ['button', props.class], onClick, ...withoutClass(props)},
      iconName ? icon(iconName) : null, h('span', {text}));
}

/** A button that shows only an icon; its name for screen readers and its tooltip are the label. */
export function iconButton(label, iconName, onClick, props = {}) {
  return h('button', {type: 'button', class: ['icon-button', props.class], 'aria-label': label, title: label,
    onClick, ...withoutClass(props)}, icon(iconName));
}

function withoutClass(props) {
  const {class: ignored, ...rest} = props;
  return rest;
}

let ids = 0;

/** A page-unique id for label and description links. */
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}
