import { nameProblem } from '../../../src/model/resource-name.js';
import { SfnError, sfn, sfnAll } from '../api.js';
import { h, replace } from '../dom.js';
import { dateTime } from '../format.js';

interface VersionItem {
  readonly stateMachineVersionArn: string;
  readonly creationDate: number;
}

interface AliasItem {
  readonly stateMachineAliasArn: string;
  readonly creationDate: number;
}

interface Route {
  readonly stateMachineVersionArn: string;
  readonly weight: number;
}

interface AliasDescription {
  readonly stateMachineAliasArn: string;
  readonly name: string;
  readonly description?: string;
  readonly routingConfiguration: readonly Route[];
  readonly creationDate: number;
  readonly updateDate?: number;
}

/** A version's number: the last segment of its ARN (`…:stateMachine:Name:3`). */
const versionNumber = (versionArn: string) => versionArn.split(':').at(-1) ?? versionArn;

const errorText = (error: unknown) =>
  error instanceof SfnError ? `${error.type}: ${error.message}` : String(error);

/** A message shown beside the control it is about (AWS's refusal, or what was done). */
function messageBeside(role: string): {
  element: HTMLElement;
  say(text: string, kind: 'ok' | 'error'): void;
} {
  const element = h('span', {
    class: 'field-message',
    role: 'status',
    'aria-live': 'polite',
    'data-role': role,
  });
  return {
    element,
    say(text, kind) {
      element.textContent = text;
      element.className = `field-message ${kind}`;
    },
  };
}

/** A button that asks for a second click before it acts ("click again to confirm"). */
function confirmingButton(
  label: string,
  attributes: Record<string, unknown>,
  action: () => Promise<void>,
): HTMLButtonElement {
  let armed = false;
  const button: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'small danger',
      ...attributes,
      onclick: async () => {
        if (!armed) {
          armed = true;
          button.textContent = `${label}: click again to confirm`;
          return;
        }
        button.disabled = true;
        await action();
        armed = false;
        button.disabled = false;
        button.textContent = label;
      },
    },
    label,
  );
  return button;
}

/**
 * A state machine's versions and aliases (ListStateMachineVersions, ListStateMachineAliases
 * and each alias's routing from DescribeStateMachineAlias). *Publish version*
 * (PublishStateMachineVersion), *Delete* a version (DeleteStateMachineVersion: AWS refuses
 * one an alias routes to, and says so beside the button). An alias routes to one version, or
 * splits its executions between two by weight (the second's weight is what the first leaves
 * of 100); *Create alias* (CreateStateMachineAlias, the name checked as you type), *Edit*
 * (UpdateStateMachineAlias: routing and description) and *Delete* (DeleteStateMachineAlias).
 *
 * For a state machine of the CDK app (`fromApp`), the API publishes no versions: the panel
 * says so instead of offering what would be refused.
 */
export function versionsPanel(
  stateMachineArn: string,
  options: { readonly fromApp?: boolean } = {},
): {
  readonly element: HTMLElement;
  readonly close: () => void;
} {
  if (options.fromApp) {
    return {
      element: h(
        'section',
        { class: 'versions', 'data-role': 'versions-panel', 'data-loaded': 'true' },
        h('h2', {}, 'Versions and aliases'),
        h(
          'p',
          { class: 'hint', 'data-role': 'versions-from-app' },
          'This state machine comes from the CDK app: local publishes versions (and routes aliases to them) only for state machines created through the API, with CreateStateMachine or New state machine.',
        ),
      ),
      close: () => {},
    };
  }
  let closed = false;
  const publishMessage = messageBeside('versions-status');
  const versionsBody = h('tbody');
  const aliasesBody = h('tbody');
  const description = h('input', {
    id: 'version-description',
    name: 'version-description',
    autocomplete: 'off',
  });
  const publishButton = h(
    'button',
    { type: 'submit', 'data-role': 'publish-version' },
    'Publish version',
  );

  // The alias form: creates an alias, or edits the one chosen (`editing`).
  let editing: AliasDescription | undefined;
  const aliasLegend = h('legend', {}, 'New alias');
  const aliasName = h('input', {
    id: 'alias-name',
    name: 'alias-name',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'alias-name-message',
  });
  const aliasMessage = h('span', {
    class: 'field-message',
    id: 'alias-name-message',
    'data-role': 'alias-name-message',
  });
  const aliasVersion = h('select', { id: 'alias-version', name: 'alias-version' });
  const firstWeight = h('input', {
    id: 'alias-weight',
    name: 'alias-weight',
    type: 'number',
    min: 0,
    max: 100,
    step: 1,
    value: 100,
    inputmode: 'numeric',
    'aria-describedby': 'alias-routing-message',
  });
  const secondVersion = h('select', { id: 'alias-second-version', name: 'alias-second-version' });
  const secondWeight = h('output', {
    id: 'alias-second-weight',
    for: 'alias-weight',
    'data-role': 'alias-second-weight',
    'aria-labelledby': 'alias-second-weight-label',
  });
  const routingMessage = h('span', {
    class: 'field-message',
    id: 'alias-routing-message',
    'data-role': 'alias-routing-message',
  });
  const aliasDescription = h('input', {
    id: 'alias-description',
    name: 'alias-description',
    autocomplete: 'off',
  });
  const aliasButton = h(
    'button',
    { type: 'submit', class: 'primary', 'data-role': 'create-alias', disabled: true },
    'Create alias',
  );
  const cancelEdit = h(
    'button',
    { type: 'button', 'data-role': 'cancel-edit', hidden: true, onclick: () => stopEditing() },
    'Cancel',
  );
  const aliasResult = messageBeside('alias-form-status');

  /** The routing the form describes, or why it cannot be sent. */
  const routing = (): { routes: Route[] } | { problem: string } => {
    const first = aliasVersion.value;
    if (first === '') return { problem: 'Publish a version first: an alias routes to versions.' };
    const second = secondVersion.value;
    if (second === '') return { routes: [{ stateMachineVersionArn: first, weight: 100 }] };
    if (second === first) return { problem: 'Choose two different versions.' };
    const weight = Number(firstWeight.value);
    if (firstWeight.value === '' || !Number.isInteger(weight) || weight < 0 || weight > 100) {
      return { problem: 'The weight is a whole number from 0 to 100.' };
    }
    return {
      routes: [
        { stateMachineVersionArn: first, weight },
        { stateMachineVersionArn: second, weight: 100 - weight },
      ],
    };
  };

  /** Refuses, as you type, a name AWS would refuse and a routing it would refuse. */
  const checkAlias = (): boolean => {
    const split = secondVersion.value !== '';
    firstWeight.disabled = !split;
    if (!split) firstWeight.value = '100';
    const weight = Number(firstWeight.value);
    secondWeight.textContent =
      split && Number.isInteger(weight) && weight >= 0 && weight <= 100 ? `${100 - weight}%` : '-';
    const problem = editing ? undefined : nameProblem(aliasName.value);
    const shown = aliasName.value === '' ? undefined : problem;
    aliasMessage.textContent = shown ?? '';
    aliasMessage.classList.toggle('error', shown !== undefined);
    aliasName.setAttribute('aria-invalid', String(shown !== undefined));
    const routed = routing();
    const routingProblem = 'problem' in routed ? routed.problem : undefined;
    routingMessage.textContent = routingProblem ?? '';
    routingMessage.classList.toggle('error', routingProblem !== undefined);
    firstWeight.setAttribute('aria-invalid', String(routingProblem !== undefined && split));
    aliasButton.disabled = problem !== undefined || routingProblem !== undefined;
    return !aliasButton.disabled;
  };
  for (const control of [aliasName, firstWeight]) control.addEventListener('input', checkAlias);
  for (const control of [aliasVersion, secondVersion])
    control.addEventListener('change', checkAlias);

  const stopEditing = () => {
    editing = undefined;
    aliasLegend.textContent = 'New alias';
    aliasName.disabled = false;
    aliasName.value = '';
    aliasDescription.value = '';
    secondVersion.value = '';
    aliasButton.textContent = 'Create alias';
    aliasButton.dataset.role = 'create-alias';
    cancelEdit.hidden = true;
    checkAlias();
  };

  const startEditing = (alias: AliasDescription) => {
    editing = alias;
    aliasLegend.textContent = `Edit alias ${alias.name}`;
    aliasName.value = alias.name;
    aliasName.disabled = true;
    aliasDescription.value = alias.description ?? '';
    const [first, second] = alias.routingConfiguration;
    aliasVersion.value = first?.stateMachineVersionArn ?? '';
    secondVersion.value = second?.stateMachineVersionArn ?? '';
    firstWeight.value = String(first?.weight ?? 100);
    aliasButton.textContent = 'Save alias';
    aliasButton.dataset.role = 'update-alias';
    cancelEdit.hidden = false;
    aliasResult.say('', 'ok');
    checkAlias();
    aliasVersion.focus();
  };

  const versionRow = (v: VersionItem) => {
    const message = messageBeside('version-message');
    return h(
      'tr',
      { 'data-version': versionNumber(v.stateMachineVersionArn) },
      h('td', {}, versionNumber(v.stateMachineVersionArn)),
      h('td', { class: 'mono' }, v.stateMachineVersionArn),
      h('td', {}, dateTime(v.creationDate)),
      h(
        'td',
        { class: 'row-actions' },
        confirmingButton(
          'Delete',
          {
            'data-role': 'delete-version',
            'aria-label': `Delete version ${versionNumber(v.stateMachineVersionArn)}`,
          },
          async () => {
            try {
              await sfn('DeleteStateMachineVersion', {
                stateMachineVersionArn: v.stateMachineVersionArn,
              });
              publishMessage.say(
                `Deleted version ${versionNumber(v.stateMachineVersionArn)}.`,
                'ok',
              );
              await reload();
            } catch (error) {
              // Said beside the button: e.g. an alias still routes to this version.
              message.say(`Not deleted — ${errorText(error)}`, 'error');
            }
          },
        ),
        message.element,
      ),
    );
  };

  const routingText = (alias: AliasDescription) =>
    alias.routingConfiguration
      .map((r) => `version ${versionNumber(r.stateMachineVersionArn)}: ${r.weight}%`)
      .join(', ');

  const aliasRow = (alias: AliasDescription) => {
    const message = messageBeside('alias-message');
    return h(
      'tr',
      { 'data-alias': alias.name },
      h('td', {}, alias.name),
      h('td', { 'data-role': 'alias-routing' }, routingText(alias)),
      h('td', { 'data-role': 'alias-description' }, alias.description ?? ''),
      h('td', {}, dateTime(alias.updateDate ?? alias.creationDate)),
      h(
        'td',
        { class: 'row-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'small',
            'data-role': 'edit-alias',
            'aria-label': `Edit alias ${alias.name}`,
            onclick: () => startEditing(alias),
          },
          'Edit',
        ),
        ' ',
        confirmingButton(
          'Delete',
          { 'data-role': 'delete-alias', 'aria-label': `Delete alias ${alias.name}` },
          async () => {
            try {
              await sfn('DeleteStateMachineAlias', {
                stateMachineAliasArn: alias.stateMachineAliasArn,
              });
              if (editing?.stateMachineAliasArn === alias.stateMachineAliasArn) stopEditing();
              aliasResult.say(`Deleted alias ${alias.name}.`, 'ok');
              await reload();
            } catch (error) {
              message.say(`Not deleted — ${errorText(error)}`, 'error');
            }
          },
        ),
        message.element,
      ),
    );
  };

  const load = async () => {
    const [versions, aliases] = await Promise.all([
      sfnAll<VersionItem>('ListStateMachineVersions', { stateMachineArn }, 'stateMachineVersions'),
      sfnAll<AliasItem>('ListStateMachineAliases', { stateMachineArn }, 'stateMachineAliases'),
    ]);
    const described = await Promise.all(
      aliases.map((a) =>
        sfn<AliasDescription>('DescribeStateMachineAlias', {
          stateMachineAliasArn: a.stateMachineAliasArn,
        }),
      ),
    );
    if (closed) return;
    replace(
      versionsBody,
      versions.length === 0
        ? h(
            'tr',
            {},
            h('td', { colspan: 4, class: 'empty', 'data-role': 'no-versions' }, 'No versions yet.'),
          )
        : versions.map(versionRow),
    );
    const chosen = [aliasVersion.value, secondVersion.value] as const;
    const options = () =>
      versions.map((v) =>
        h(
          'option',
          { value: v.stateMachineVersionArn },
          `Version ${versionNumber(v.stateMachineVersionArn)}`,
        ),
      );
    replace(aliasVersion, options());
    replace(secondVersion, h('option', { value: '' }, 'None: all to the first'), options());
    const known = new Set(versions.map((v) => v.stateMachineVersionArn));
    if (known.has(chosen[0])) aliasVersion.value = chosen[0];
    secondVersion.value = known.has(chosen[1]) ? chosen[1] : '';
    replace(
      aliasesBody,
      described.length === 0
        ? h(
            'tr',
            {},
            h('td', { colspan: 5, class: 'empty', 'data-role': 'no-aliases' }, 'No aliases yet.'),
          )
        : described.map(aliasRow),
    );
    checkAlias();
    element.dataset.loaded = 'true';
  };
  const reload = () =>
    load().catch((error: unknown) => publishMessage.say(errorText(error), 'error'));

  const field = (label: string, id: string, ...controls: HTMLElement[]) =>
    h('div', { class: 'field' }, h('label', { for: id, class: 'field-label' }, label), ...controls);
  const table = (role: string, columns: readonly string[], body: HTMLElement) =>
    h(
      'table',
      { class: 'list', 'data-role': role },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      body,
    );

  const submitAlias = async (event: Event) => {
    event.preventDefault();
    if (!checkAlias()) return;
    const routed = routing();
    if (!('routes' in routed)) return;
    aliasButton.disabled = true;
    const description = aliasDescription.value;
    try {
      if (editing) {
        const name = editing.name;
        await sfn('UpdateStateMachineAlias', {
          stateMachineAliasArn: editing.stateMachineAliasArn,
          routingConfiguration: routed.routes,
          // Sent only when changed (emptied, it clears the alias's description).
          ...(description !== (editing.description ?? '') ? { description } : {}),
        });
        stopEditing();
        aliasResult.say(`Updated alias ${name}.`, 'ok');
      } else {
        const name = aliasName.value;
        await sfn('CreateStateMachineAlias', {
          name,
          routingConfiguration: routed.routes,
          ...(description ? { description } : {}),
        });
        aliasResult.say(`Created alias ${name}.`, 'ok');
        aliasName.value = '';
        aliasDescription.value = '';
      }
    } catch (error) {
      // What was typed stays, to be put right.
      aliasResult.say(`${editing ? 'Update' : 'Create'} failed — ${errorText(error)}`, 'error');
    }
    await reload();
  };

  const element = h(
    'section',
    { class: 'versions', 'data-role': 'versions-panel' },
    h('h2', {}, 'Versions'),
    h(
      'form',
      {
        class: 'form-row inline-form',
        onsubmit: async (event: Event) => {
          event.preventDefault();
          publishButton.disabled = true;
          try {
            const published = await sfn<{ stateMachineVersionArn: string }>(
              'PublishStateMachineVersion',
              { stateMachineArn, ...(description.value ? { description: description.value } : {}) },
            );
            publishMessage.say(
              `Published version ${versionNumber(published.stateMachineVersionArn)}.`,
              'ok',
            );
            description.value = '';
          } catch (error) {
            publishMessage.say(`Publish failed — ${errorText(error)}`, 'error');
          }
          publishButton.disabled = false;
          await reload();
        },
      },
      field('Description (optional)', 'version-description', description),
      publishButton,
      publishMessage.element,
    ),
    table('versions', ['Version', 'ARN', 'Created', 'Actions'], versionsBody),
    h('h2', {}, 'Aliases'),
    h(
      'form',
      { class: 'alias-form', 'data-role': 'alias-form', onsubmit: submitAlias },
      h(
        'fieldset',
        {},
        aliasLegend,
        h(
          'div',
          { class: 'form-row inline-form' },
          field('Alias name', 'alias-name', aliasName, aliasMessage),
          field('Routes to', 'alias-version', aliasVersion),
          field('Its weight (%)', 'alias-weight', firstWeight),
          field('Split with', 'alias-second-version', secondVersion),
          h(
            'div',
            { class: 'field' },
            h('span', { class: 'field-label', id: 'alias-second-weight-label' }, 'Its weight'),
            secondWeight,
          ),
          field('Description (optional)', 'alias-description', aliasDescription),
        ),
        h(
          'div',
          { class: 'form-row inline-form' },
          aliasButton,
          cancelEdit,
          routingMessage,
          aliasResult.element,
        ),
      ),
    ),
    table('aliases', ['Name', 'Routing', 'Description', 'Updated', 'Actions'], aliasesBody),
  );
  void reload();
  return {
    element,
    close: () => {
      closed = true;
    },
  };
}
