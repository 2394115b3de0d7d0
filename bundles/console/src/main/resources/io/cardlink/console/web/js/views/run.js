// One run: its extract and load phases, counts, the cards that failed with their keys, the other messages, and
// the extract file to download. A run that is still going shows its progress as it happens. A dry run that ended
// shows what a real run would do to each card (the first 200 per kind) and its file to download.

import {enc} from '../api.js';
import {append, button, clear, h, icon} from '../dom.js';
import {duration, timeElement} from '../format.js';
import {pageHeader, runStatus, runTone} from '../ui.js';

const FINISHED = ['SUCCESS', 'COMPLETED_WITH_ERRORS', 'ERROR', 'STOPPED', 'INTERRUPTED'];
/** The engine's messages about one card start with the card's key (or "card ID" when it has none). */
const CARD_MESSAGE = /^(card \S+|\S+): (not loaded|loaded without|read twice|refused by the local instance)(.*)$/;

export async function runView(ctx) {
  const {api} = ctx;
  let run = await api.get(`/runs/${enc(ctx.params.runId)}`);
  const [connector, task] = await Promise.all([
    api.get(`/connectors/${enc(run.connectorId)}`).catch(() => null),
    api.get(`/connectors/${enc(run.connectorId)}/scheduled-tasks/${enc(run.taskId)}`).catch(() => null)]);
  if (!ctx.active()) {
    return;
  }
  const body = h('div', {class: 'run-body'});
  const taskUrl = connector && task ? `connectors/${enc(connector.id)}/scheduled-tasks/${enc(task.id)}` : null;
  ctx.main.append(h('div', {class: 'page'},
      pageHeader(`Run ${run.id.slice(0, 8)}`,
          taskUrl ? h('a', {class: 'button', href: `${taskUrl}/history`}, icon('history'),
              h('span', {text: 'History'})) : null,
          taskUrl ? h('a', {class: 'button', href: taskUrl, text: 'Task settings'}) : null),
      h('p', {class: 'breadcrumb'},
          connector ? ['Connector ', h('a', {href: `connectors/${enc(connector.id)}`, text: connector.name})] : null,
          task ? [' · Scheduled task ', h('a', {href: taskUrl, text: task.name})] : null,
          ` · Execution ID ${run.id}`),
      body));

  let timer = null;
  let dryRunReport = null;
  ctx.onLeave(() => clearTimeout(timer));

  // The run's lines of Cardlink's log files, asked for on demand: they can be many, and admins only may read them.
  const logLines = h('pre', {class: 'run-log', hidden: true});
  const logSection = h('section', {class: 'run-log-section', 'aria-label': 'Log'},
      h('h2', {text: 'Log'}),
      h('p', {},
          button('Show log lines', 'history', showLog, {class: 'run-log-show'}), ' ',
          h('a', {class: 'button run-log-download', href: api.url(`/runs/${enc(run.id)}/log`),
            download: `run-${run.id}.log`}, icon('download'), h('span', {text: 'Download'}))),
      logLines);

  async function showLog() {
    let text;
    try {
      text = await (await api.file('GET', `/runs/${enc(run.id)}/log`)).blob.text();
    } catch (error) {
      text = error.status === 403 ? 'The log is for administrators.' : `The log could not be read: ${error.message}`;
    }
    logLines.textContent = text || 'Cardlink\'s log files hold no line of this run (any more).';
    logLines.hidden = false;
  }

  /** A card's key links to its timeline; a card without a key ("card ID") has none. */
  function cardKey(key) {
    return key.startsWith('card ') ? key
      : h('a', {href: `connectors/${enc(run.connectorId)}/cards/${enc(key)}/timeline`, text: key});
  }

  function phase(title, p, rows) {
    return h('section', {class: ['phase', `row-${runTone(p.status)}`], 'aria-label': title},
        h('h2', {text: title}),
        h('dl', {class: 'facts'},
            h('dt', {text: 'Status'}), h('dd', {}, runStatus(p.status)),
            h('dt', {text: 'Started'}), h('dd', {}, timeElement(p.startedAt, '—')),
            h('dt', {text: 'Completed'}), h('dd', {}, timeElement(p.completedAt, '—')),
            h('dt', {text: 'Took'}), h('dd', {text: duration(p.startedAt, p.completedAt) || '—'}),
            rows));
  }

  function render() {
    const running = !FINISHED.includes(run.status);
    const cardMessages = [];
    const messages = [];
    for (const line of run.info) {
      const match = CARD_MESSAGE.exec(line);
      if (match) {
        cardMessages.push({key: match[1], problem: `${match[2]}${match[3]}`});
      } else {
        messages.push(line);
      }
    }
    const c = run.counts;
    append(clear(body), [
        h('div', {class: ['run-summary', `row-${runTone(run.status)}`]},
            h('div', {}, h('span', {class: 'label', text: 'Status '}), runStatus(run.status)),
            h('div', {}, h('span', {class: 'label', text: 'Actual start time '}),
                timeElement(run.extract.startedAt, 'not started')),
            h('div', {}, h('span', {class: 'label', text: 'Planned '}), timeElement(run.plannedAt)),
            h('div', {}, h('span', {class: 'label', text: 'Trigger '}), run.trigger.toLowerCase()),
            run.dryRun ? h('div', {class: 'dry-run-kind'}, h('span', {class: 'label', text: 'Kind '}),
                'dry run: nothing was written') : null),
        running ? h('div', {class: 'progress', role: 'status'},
            h('progress', {'aria-label': 'Run in progress'}),
            h('span', {class: 'progress-text', text: `Running: ${c.read} cards read, ${c.created + c.updated} written,`
              + ` ${c.unchanged} unchanged, ${c.failed} failed so far`})) : null,
        h('div', {class: 'phases'},
            phase('Extract info', run.extract, [
              h('dt', {text: 'Cards read'}), h('dd', {class: 'count-read', text: String(c.read)}),
              h('dt', {text: 'Extract file'}), h('dd', {}, run.extractFile
                ? h('a', {class: 'extract-link', href: api.url(`/runs/${enc(run.id)}/extract`), download: `run-${run.id}.json`},
                    icon('download'), h('span', {text: 'Download the extracted cards (JSON)'}))
                : 'not kept')]),
            phase('Load info', run.load, [
              h('dt', {text: 'Created'}), h('dd', {class: 'count-created', text: String(c.created)}),
              h('dt', {text: 'Updated'}), h('dd', {class: 'count-updated', text: String(c.updated)}),
              h('dt', {text: 'Unchanged'}), h('dd', {text: String(c.unchanged)}),
              h('dt', {text: 'Marked removed'}), h('dd', {text: String(c.removed)}),
              h('dt', {text: 'Failed'}), h('dd', {class: 'count-failed', text: String(c.failed)})])),
        h('section', {'aria-label': 'Card errors'},
            h('h2', {text: `Card errors (${cardMessages.length})`}),
            cardMessages.length === 0 ? h('p', {class: 'empty', text: 'No card failed.'})
              : h('table', {class: 'grid card-errors'},
                  h('thead', {}, h('tr', {}, h('th', {scope: 'col', text: 'Key'}), h('th', {scope: 'col', text: 'Error'}))),
                  h('tbody', {}, cardMessages.map((m) => h('tr', {}, h('td', {class: 'mono'}, cardKey(m.key)),
                      h('td', {text: m.problem})))))),
        messages.length ? h('section', {'aria-label': 'Messages'}, h('h2', {text: 'Messages'}),
            h('ul', {class: 'messages'}, messages.map((m) => h('li', {text: m})))) : null,
        logSection, dryRunReport ? dryRunSection(dryRunReport) : null]);
    if (running) {
      timer = setTimeout(poll, 1500);
    } else if (run.dryRun && !dryRunReport) {
      api.get(`/runs/${enc(run.id)}/dry-run`).then((report) => {
        dryRunReport = report;
        if (ctx.active()) {
          render();
        }
      }).catch(() => {});
    }
  }

  function dryRunSection(report) {
    const c = report.counts;
    const kinds = [['Would create', report.creates, c.created], ['Would update', report.updates, c.updated],
      ['Would mark removed', report.removes, c.removed]];
    return h('section', {class: 'dry-run', 'aria-label': 'What a real run would do'},
        h('h2', {text: 'What a real run would do'}),
        report.thresholdStop ? h('p', {class: 'row-warning', text: `Removal threshold: ${report.thresholdStop}`}) : null,
        h('a', {class: 'dry-run-link', href: api.url(`/runs/${enc(run.id)}/dry-run/file`),
          download: `dry-run-${run.id}.json`}, icon('download'), h('span', {text: 'Download every card (JSON)'})),
        kinds.filter(([, , total]) => total > 0).map(([title, cards, total]) => [
          h('h3', {text: `${title} (${cards.length < total ? `${total}, the first ${cards.length} shown` : total})`}),
          h('table', {class: 'grid dry-run-cards'},
              h('thead', {}, h('tr', {}, h('th', {scope: 'col', text: 'Key'}),
                  h('th', {scope: 'col', text: 'Changes'}))),
              h('tbody', {}, cards.map((card) => h('tr', {}, h('td', {class: 'mono', text: card.key}),
                  h('td', {text: card.attributes.map((a) => `${a.attribute}: ${a.oldValue} → ${a.newValue}`)
                      .join('; ')})))))]),
        report.problemCount > 0 ? [h('h3', {text: `Mapping problems (${report.problemCount})`}),
          h('ul', {class: 'messages'}, report.problems.map((p) => h('li', {text: `${p.key}: ${p.reason}`})))] : null);
  }

  async function poll() {
    try {
      run = await api.get(`/runs/${enc(run.id)}`);
    } catch (error) {
      timer = setTimeout(poll, 5000);
      return;
    }
    if (ctx.active()) {
      render();
    }
  }

  render();
}
