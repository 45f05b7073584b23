import { sfn } from '../api.js';
import { h, replace } from '../dom.js';
import { href } from '../router.js';
import type { Page } from './page.js';

interface StateMachineItem {
  readonly stateMachineArn: string;
  readonly name: string;
  readonly type: string;
}

/** The state machines of the stack (ListStateMachines). */
export function stateMachinesPage(): Page {
  const body = h('tbody');
  const element = h(
    'section',
    { class: 'page', 'data-page': 'state-machines' },
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, 'State machines'),
      h(
        'a',
        {
          class: 'button primary',
          href: href({ page: 'editor' }),
          'data-role': 'new-state-machine',
        },
        'Create state machine',
      ),
    ),
    h(
      'table',
      { class: 'list' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Type'), h('th', {}, 'ARN'))),
      body,
    ),
  );
  void sfn<{ stateMachines: StateMachineItem[] }>('ListStateMachines').then(({ stateMachines }) => {
    replace(
      body,
      stateMachines.length === 0
        ? h(
            'tr',
            {},
            h(
              'td',
              { colspan: 3, class: 'empty', 'data-role': 'no-state-machines' },
              'No state machines yet: Create state machine writes one here, or serve --app shows those of a CDK app.',
            ),
          )
        : stateMachines.map((m) =>
            h(
              'tr',
              {},
              h(
                'td',
                {},
                h(
                  'a',
                  {
                    href: href({ page: 'state-machines', arn: m.stateMachineArn }),
                    'data-role': 'state-machine-link',
                  },
                  m.name,
                ),
              ),
              h('td', {}, m.type),
              h('td', { class: 'mono' }, m.stateMachineArn),
            ),
          ),
    );
  });
  return { element, close: () => {} };
}
