import type { ActivitiesWire, ActivityWire } from '../../../src/model/activity-work.js';
import { nameProblem } from '../../../src/model/resource-name.js';
import { consoleGet, SfnError, sfn } from '../api.js';
import { h, replace } from '../dom.js';
import { dateTime } from '../format.js';
import { live } from '../live.js';
import { href } from '../router.js';
import { keepingFocus } from './activity-page.js';
import type { Page } from './page.js';

/** A count cell: the number, and the workers' names when it counts workers. */
const countCell = (role: string, count: number, names?: readonly string[]) =>
  h(
    'td',
    { 'data-role': role },
    String(count),
    names && names.length > 0 ? h('span', { class: 'sub' }, ` (${names.join(', ')})`) : null,
  );

const errorText = (error: unknown) =>
  error instanceof SfnError ? `${error.type}: ${error.message}` : String(error);

/**
 * The activities with their work, live from the console's stream: for each, the tasks
 * waiting for a worker, the tasks workers took (waiting for their answer) and the workers
 * polling now (by `workerName`); its page (`#/activities/<arn>`) lists them. *Create
 * activity* (CreateActivity, the name checked as you type by the endpoint's own rule) and
 * *Delete* (DeleteActivity), through the Step Functions API.
 */
export function activitiesPage(): Page {
  const status = h('p', {
    class: 'form-status',
    role: 'status',
    'aria-live': 'polite',
    'data-role': 'activities-status',
  });
  const nameMessage = h('span', {
    class: 'field-message',
    id: 'activity-name-message',
    'data-role': 'activity-name-message',
  });
  const nameInput = h('input', {
    name: 'activity-name',
    id: 'activity-name',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'activity-name-message',
  });
  const createButton = h(
    'button',
    { type: 'submit', class: 'primary', 'data-role': 'create-activity', disabled: true },
    'Create activity',
  );
  const body = h('tbody');
  let closed = false;

  const say = (text: string, kind: 'info' | 'error' | 'ok' = 'info') => {
    status.textContent = text;
    status.className = `form-status ${kind}`;
  };

  /** Refuses, as you type, a name AWS would refuse (an empty one without a message). */
  const checkName = (): boolean => {
    const problem = nameProblem(nameInput.value);
    const shown = nameInput.value === '' ? undefined : problem;
    nameMessage.textContent = shown ?? '';
    nameMessage.classList.toggle('error', shown !== undefined);
    nameInput.setAttribute('aria-invalid', String(shown !== undefined));
    createButton.disabled = problem !== undefined;
    return problem === undefined;
  };
  nameInput.addEventListener('input', checkName);

  const show = (activities: readonly ActivityWire[]) => {
    keepingFocus(body, () =>
      replace(
        body,
        activities.length === 0
          ? h(
              'tr',
              {},
              h(
                'td',
                { colspan: 6, class: 'empty', 'data-role': 'no-activities' },
                'No activities yet: create one here, or with aws stepfunctions create-activity.',
              ),
            )
          : activities.map((a) =>
              h(
                'tr',
                { 'data-activity': a.name, 'data-key': a.activityArn },
                h(
                  'td',
                  {},
                  h(
                    'a',
                    {
                      href: href({ page: 'activities', arn: a.activityArn }),
                      'data-role': 'activity-link',
                      title: a.activityArn,
                    },
                    a.name,
                  ),
                ),
                countCell('scheduled-count', a.scheduled.length),
                countCell('started-count', a.started.length),
                countCell(
                  'polling-count',
                  a.polls.length,
                  a.polls.map((p) => p.workerName || '(no workerName)'),
                ),
                h('td', {}, dateTime(a.creationDate)),
                h(
                  'td',
                  { class: 'row-actions' },
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'small danger',
                      'data-role': 'delete-activity',
                      'aria-label': `Delete ${a.name}`,
                      onclick: async (event: Event) => {
                        (event.currentTarget as HTMLButtonElement).disabled = true;
                        try {
                          await sfn('DeleteActivity', { activityArn: a.activityArn });
                          say(`Deleted ${a.name}.`, 'ok');
                        } catch (error) {
                          say(`Delete failed — ${errorText(error)}`, 'error');
                        }
                        await load();
                      },
                    },
                    'Delete',
                  ),
                ),
              ),
            ),
      ),
    );
    element.dataset.loaded = 'true';
  };
  /** Reads the activities now (after a change made here: the stream follows within moments). */
  const load = async () => {
    const wire = await consoleGet<ActivitiesWire>('activities');
    if (!closed) show(wire.activities);
  };

  const form = h(
    'form',
    {
      class: 'form-row new-activity',
      'data-role': 'new-activity',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        if (!checkName()) return;
        createButton.disabled = true;
        try {
          await sfn('CreateActivity', { name: nameInput.value });
          say(`Created ${nameInput.value}.`, 'ok');
          nameInput.value = '';
        } catch (error) {
          // The name stays, to be put right.
          say(`Create failed — ${errorText(error)}`, 'error');
        }
        checkName();
        await load();
      },
    },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'activity-name', class: 'field-label' }, 'New activity name'),
      nameInput,
      nameMessage,
    ),
    createButton,
  );

  const element = h(
    'section',
    { class: 'page', 'data-page': 'activities' },
    h('h1', {}, 'Activities'),
    h(
      'p',
      { class: 'hint' },
      'Workers poll GetActivityTask for a task and answer with SendTaskSuccess or SendTaskFailure. Open an activity for its waiting tasks and its workers.',
    ),
    form,
    status,
    h(
      'table',
      { class: 'list', 'data-role': 'activities' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [
            'Name',
            'Waiting for a worker',
            'Taken by a worker',
            'Workers polling',
            'Created',
            'Actions',
          ].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      body,
    ),
  );
  const stop = live({
    onActivities: (wire) => {
      if (!closed) show(wire.activities);
    },
  });
  return {
    element,
    close: () => {
      closed = true;
      stop();
    },
  };
}
