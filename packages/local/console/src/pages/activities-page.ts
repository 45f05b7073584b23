import { nameProblem } from '../../../src/model/resource-name.js';
import { SfnError, sfn, sfnAll } from '../api.js';
import { h, replace } from '../dom.js';
import { dateTime } from '../format.js';
import type { Page } from './page.js';

/** An activity as ListActivities lists it. */
interface ActivityItem {
  readonly activityArn: string;
  readonly name: string;
  readonly creationDate: number;
}

const errorText = (error: unknown) =>
  error instanceof SfnError ? `${error.type}: ${error.message}` : String(error);

/**
 * The activities (ListActivities, every page), *Create activity* (CreateActivity, the name
 * checked as you type by the endpoint's own rule) and *Delete* (DeleteActivity).
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

  const load = async () => {
    const activities = await sfnAll<ActivityItem>('ListActivities', {}, 'activities');
    if (closed) return;
    replace(
      body,
      activities.length === 0
        ? h(
            'tr',
            {},
            h(
              'td',
              { colspan: 4, class: 'empty', 'data-role': 'no-activities' },
              'No activities yet: create one here, or with aws stepfunctions create-activity.',
            ),
          )
        : activities.map((a) =>
            h(
              'tr',
              { 'data-activity': a.name },
              h('td', {}, a.name),
              h('td', { class: 'mono' }, a.activityArn),
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
    );
    element.dataset.loaded = 'true';
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
          ['Name', 'ARN', 'Created', 'Actions'].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      body,
    ),
  );
  load().catch((error: unknown) =>
    say(`Could not list the activities: ${errorText(error)}`, 'error'),
  );
  return {
    element,
    close: () => {
      closed = true;
    },
  };
}
