// The stand-in page: polls the channel, shows dates in the viewer's time zone, and sends button
// clicks and slash commands to the stand-in server, which signs them and passes them to the app.
import { formatSlackDate } from './date-format.js';

const POLL_INTERVAL_MS = 1000;

const channel = document.getElementById('channel');
const problems = document.getElementById('problems');
const status = document.getElementById('status');
const composer = document.getElementById('composer');
const input = composer.querySelector('input');
const dialog = document.getElementById('confirm-dialog');

let version = '';
let refreshTimer;
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

function setStatus(text, isError = false) {
  status.textContent = text;
  status.classList.toggle('error', isError);
}

/** Rewrites every date token in the viewer's time zone; the UTC fallback stays as the tooltip. */
function localizeDates(root) {
  const now = new Date();
  for (const time of root.querySelectorAll('time.slack-date')) {
    const date = new Date(time.getAttribute('datetime'));
    const format = time.dataset.format;
    if (Number.isNaN(date.getTime()) || !format) {
      continue;
    }
    if (time.dataset.fallback === undefined) {
      time.dataset.fallback = time.textContent;
      time.title = time.textContent;
    }
    time.textContent = formatSlackDate(date, format, { now });
  }
}

function showProblems(list) {
  problems.hidden = list.length === 0;
  problems.textContent =
    list.length === 0 ? '' : `${list.length} part(s) of messages cannot be rendered: ${list.map((item) => `${item.key}${item.pointer} ${item.problem}`).join('; ')}`;
}

function isNearBottom() {
  return channel.scrollHeight - channel.scrollTop - channel.clientHeight < 80;
}

async function refresh() {
  clearTimeout(refreshTimer);
  try {
    const response = await fetch('/api/channel', { cache: 'no-store' });
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
    const view = await response.json();
    if (view.version !== version) {
      const stickToBottom = version === '' || isNearBottom();
      channel.innerHTML = view.html;
      version = view.version;
      document.body.dataset.messages = String(view.messageCount);
      showProblems(view.problems);
      if (stickToBottom) {
        channel.scrollTop = channel.scrollHeight;
      }
    }
    localizeDates(channel);
    setStatus(`Times in ${timeZone}`);
  } catch (error) {
    setStatus(`Cannot reach the stand-in server (${error.message}); is the demo still running?`, true);
  } finally {
    refreshTimer = setTimeout(refresh, POLL_INTERVAL_MS);
  }
}

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const result = await response.json();
  if (!response.ok) {
    throw new Error(result.error ?? `HTTP ${response.status}`);
  }
  return result;
}

/** Shows a button's confirmation dialog and resolves to whether the user confirmed. */
function confirmWith(template) {
  const content = template.content;
  dialog.querySelector('.dialog-title').replaceChildren(...content.querySelector('h2').cloneNode(true).childNodes);
  dialog.querySelector('.dialog-text').replaceChildren(...content.querySelector('.confirm-text').cloneNode(true).childNodes);
  const confirmButton = dialog.querySelector('button.confirm');
  confirmButton.textContent = content.querySelector('.confirm-label').textContent;
  confirmButton.classList.toggle('danger', template.dataset.style === 'danger');
  confirmButton.classList.toggle('primary', template.dataset.style === 'primary');
  dialog.querySelector('button.deny').textContent = content.querySelector('.deny-label').textContent;
  localizeDates(dialog);
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
  });
}

channel.addEventListener('click', async (event) => {
  const button = event.target.closest('button.block-button');
  if (button === null || button.disabled) {
    return;
  }
  const template = button.parentElement.querySelector('template.confirm');
  if (template !== null && !(await confirmWith(template))) {
    return;
  }
  if (button.dataset.url) {
    window.open(button.dataset.url, '_blank', 'noopener');
  }

  button.disabled = true;
  button.classList.add('pending');
  try {
    const result = await post('/api/click', {
      key: button.dataset.key,
      block: Number(button.dataset.block),
      element: Number(button.dataset.element),
    });
    if (!result.ok) {
      setStatus(result.error, true);
    }
  } catch (error) {
    setStatus(`The click was not sent: ${error.message}`, true);
  } finally {
    button.disabled = false;
    button.classList.remove('pending');
    void refresh();
  }
});

composer.addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (text === '') {
    return;
  }
  input.disabled = true;
  try {
    await post('/api/command', { text });
    input.value = '';
  } catch (error) {
    setStatus(`The command was not sent: ${error.message}`, true);
  } finally {
    input.disabled = false;
    input.focus();
    void refresh();
  }
});

void refresh();
