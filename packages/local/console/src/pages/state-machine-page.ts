import { sfn } from '../api.js';
import { h, replace } from '../dom.js';
import { dateTime, duration } from '../format.js';
import { aslGraph } from '../graph/asl-graph.js';
import { showCoverage } from '../graph/coverage-overlay.js';
import { layoutGraph } from '../graph/graph-layout.js';
import { graphView } from '../graph/graph-view.js';
import { jsonView } from '../json-view.js';
import { href } from '../router.js';
import { appDefinitionNotice, stateMachineOrigin } from './definition-page.js';
import { type Page, throttle } from './page.js';
import { openStartDialog } from './start-dialog.js';
import { versionsPanel } from './versions-panel.js';

interface ExecutionItem {
  readonly executionArn: string;
  readonly name: string;
  readonly status: string;
  readonly startDate: number;
  readonly stopDate?: number;
}

/**
 * One state machine: its graph beside its definition, its executions, Start execution, its
 * versions and aliases. *Edit definition* for a state machine created through the API; one
 * of the CDK app's opens read-only, the page saying why (UpdateStateMachine refuses it).
 */
export function stateMachinePage(arn: string): Page {
  const title = h('h1', {}, 'State machine');
  const meta = h('div', { class: 'meta mono' }, arn);
  const graphSlot = h('div', { class: 'graph-slot' });
  const definitionSlot = h('div', {
    class: 'definition',
    tabindex: 0,
    role: 'region',
    'aria-label': 'Definition (ASL)',
  });
  const executions = h('tbody');
  let name = '';
  let versions: ReturnType<typeof versionsPanel> | undefined;
  let closed = false;
  const versionsSlot = h('div', { class: 'versions-slot' });
  const notice = h('div', { class: 'origin-notice' });
  const editLink = h(
    'a',
    {
      class: 'button',
      href: href({ page: 'editor', arn }),
      'data-role': 'edit-definition',
      hidden: true,
    },
    'Edit definition',
  );
  const startButton = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      'data-role': 'open-start',
      onclick: () => openStartDialog(arn, name),
    },
    'Start execution',
  );
  const element = h(
    'section',
    { class: 'page', 'data-page': 'state-machine' },
    h(
      'div',
      { class: 'page-head' },
      h('div', {}, title, meta),
      h('div', { class: 'actions' }, editLink, startButton),
    ),
    notice,
    h('div', { class: 'split' }, graphSlot, definitionSlot),
    h('h2', {}, 'Executions'),
    h(
      'table',
      { class: 'list', 'data-role': 'executions' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Name', 'Status', 'Started', 'Ended', 'Duration'].map((c) => h('th', {}, c)),
        ),
      ),
      executions,
    ),
    versionsSlot,
  );
  void stateMachineOrigin(arn).then((origin) => {
    if (closed) return;
    if (origin.fromApp) {
      editLink.textContent = 'View definition (read-only)';
      editLink.dataset.role = 'view-definition';
      replace(notice, appDefinitionNotice(origin));
    }
    editLink.hidden = false;
    versions = versionsPanel(arn, { fromApp: origin.fromApp });
    replace(versionsSlot, versions.element);
  });
  void sfn<{ name: string; type: string; definition: string }>('DescribeStateMachine', {
    stateMachineArn: arn,
  }).then((machine) => {
    name = machine.name;
    title.textContent = machine.name;
    meta.textContent = `${machine.type} · ${arn}`;
    const definition = JSON.parse(machine.definition) as Record<string, unknown>;
    const view = graphView(layoutGraph(aslGraph(definition)));
    replace(graphSlot, view.element);
    void showCoverage(arn, view.element);
    replace(
      definitionSlot,
      h('div', { class: 'panel-title' }, 'Definition (ASL)'),
      jsonView(JSON.stringify(definition, null, 2), 'json definition-json'),
    );
  });
  const refresh = throttle(() => {
    void sfn<{ executions: ExecutionItem[] }>('ListExecutions', {
      stateMachineArn: arn,
      maxResults: 50,
    }).then((page) => {
      replace(
        executions,
        page.executions.length === 0
          ? h(
              'tr',
              {},
              h('td', { colspan: 5, class: 'empty' }, 'No executions yet: Start execution.'),
            )
          : page.executions.map((e) =>
              h(
                'tr',
                {},
                h(
                  'td',
                  {},
                  h('a', { href: href({ page: 'executions', arn: e.executionArn }) }, e.name),
                ),
                h(
                  'td',
                  {},
                  h('span', { class: `status status-${e.status.toLowerCase()}` }, e.status),
                ),
                h('td', {}, dateTime(e.startDate)),
                h('td', {}, dateTime(e.stopDate)),
                h('td', {}, e.stopDate ? duration((e.stopDate - e.startDate) * 1000) : '-'),
              ),
            ),
      );
    });
  }, 500);
  refresh();
  return {
    element,
    onCounts: refresh,
    close: () => {
      closed = true;
      versions?.close();
    },
  };
}
