// Times as operators read them: local time to the second, with the UTC instant on hover.

const pad = (n) => String(n).padStart(2, '0');

function dateTime(iso) {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
      + `:${pad(d.getSeconds())}`;
}

/** A <time> element showing local time, the UTC instant as its tooltip; an empty text when there is none. */
export function timeElement(iso, fallback = '') {
  const element = document.createElement('time');
  if (!iso) {
    element.textContent = fallback;
    return element;
  }
  element.dateTime = iso;
  element.textContent = dateTime(iso);
  element.title = `${new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC')}`;
  return element;
}

/** "in 4 min", "in 2 h 5 min", "in 3 days": how far a future instant is from now. */
export function fromNow(iso) {
  const seconds = Math.round((new Date(iso).getTime() - Date.now()) / 1000);
  if (seconds < 60) {
    return seconds <= 0 ? 'now' : `in ${seconds} s`;
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) {
    return `in ${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return `in ${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  }
  return `in ${Math.round(hours / 24)} days`;
}

export function duration(fromIso, toIso) {
  if (!fromIso || !toIso) {
    return '';
  }
  const seconds = Math.max(0, Math.round((new Date(toIso) - new Date(fromIso)) / 1000));
  if (seconds < 60) {
    return `${seconds} s`;
  }
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** The first 8 characters of an id, for narrow columns; the whole id is in the tooltip. */
export function shortId(id) {
  return id && id.length > 8 ? id.slice(0, 8) : (id || '');
}

export function plural(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
