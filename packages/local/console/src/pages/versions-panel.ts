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

interface AliasDescription {
  readonly name: string;
  readonly routingConfiguration: readonly { stateMachineVersionArn: string; weight: number }[];
}

/** A version's number: the last segment of its ARN (`…:stateMachine:Name:3`). */
const versionNumber = (versionArn: string) => versionArn.split(':').at(-1) ?? versionArn;

const errorText = (error: unknown) =>
  error instanceof SfnError ? `${error.type}: ${error.message}` : String(error);

/**
 * A state machine's versions and aliases (ListStateMachineVersions, ListStateMachineAliases
 * and each alias's routing from DescribeStateMachineAlias), *Publish version*
 * (PublishStateMachineVersion) and *Create alias* routing all of its traffic to a version
 * (CreateStateMachineAlias, the name checked as you type by AWS's rule).
 */
export function versionsPanel(stateMachineArn: string): {
  readonly element: HTMLElement;
  readonly close: () => void;
} {
  let closed = false;
  const status = h('p', {
    class: 'form-status',
    role: 'status',
    'aria-live': 'polite',
    'data-role': 'versions-status',
  });
  const say = (text: string, kind: 'ok' | 'error') => {
    status.textContent = text;
    status.className = `form-status ${kind}`;
  };
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
  const aliasButton = h(
    'button',
    { type: 'submit', 'data-role': 'create-alias', disabled: true },
    'Create alias',
  );

  /** Refuses, as you type, an alias name AWS would refuse; and an alias needs a version. */
  const checkAlias = (): boolean => {
    const problem = nameProblem(aliasName.value);
    const shown = aliasName.value === '' ? undefined : problem;
    aliasMessage.textContent = shown ?? '';
    aliasMessage.classList.toggle('error', shown !== undefined);
    aliasName.setAttribute('aria-invalid', String(shown !== undefined));
    aliasButton.disabled = problem !== undefined || aliasVersion.value === '';
    return !aliasButton.disabled;
  };
  aliasName.addEventListener('input', checkAlias);

  const load = async () => {
    const [versions, aliases] = await Promise.all([
      sfnAll<VersionItem>('ListStateMachineVersions', { stateMachineArn }, 'stateMachineVersions'),
      sfnAll<AliasItem>('ListStateMachineAliases', { stateMachineArn }, 'stateMachineAliases'),
    ]);
    const routings = await Promise.all(
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
            h('td', { colspan: 3, class: 'empty', 'data-role': 'no-versions' }, 'No versions yet.'),
          )
        : versions.map((v) =>
            h(
              'tr',
              { 'data-version': versionNumber(v.stateMachineVersionArn) },
              h('td', {}, versionNumber(v.stateMachineVersionArn)),
              h('td', { class: 'mono' }, v.stateMachineVersionArn),
              h('td', {}, dateTime(v.creationDate)),
            ),
          ),
    );
    const chosen = aliasVersion.value;
    replace(
      aliasVersion,
      versions.map((v) =>
        h(
          'option',
          { value: v.stateMachineVersionArn },
          `Version ${versionNumber(v.stateMachineVersionArn)}`,
        ),
      ),
    );
    if (chosen) aliasVersion.value = chosen;
    replace(
      aliasesBody,
      aliases.length === 0
        ? h(
            'tr',
            {},
            h('td', { colspan: 3, class: 'empty', 'data-role': 'no-aliases' }, 'No aliases yet.'),
          )
        : aliases.map((a, i) => {
            const alias = routings[i] as AliasDescription;
            return h(
              'tr',
              { 'data-alias': alias.name },
              h('td', {}, alias.name),
              h(
                'td',
                { 'data-role': 'alias-routing' },
                alias.routingConfiguration
                  .map((r) => `version ${versionNumber(r.stateMachineVersionArn)}: ${r.weight}%`)
                  .join(', '),
              ),
              h('td', {}, dateTime(a.creationDate)),
            );
          }),
    );
    checkAlias();
    element.dataset.loaded = 'true';
  };
  const reload = () => load().catch((error: unknown) => say(errorText(error), 'error'));

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
            say(`Published version ${versionNumber(published.stateMachineVersionArn)}.`, 'ok');
            description.value = '';
          } catch (error) {
            say(`Publish failed — ${errorText(error)}`, 'error');
          }
          publishButton.disabled = false;
          await reload();
        },
      },
      field('Description (optional)', 'version-description', description),
      publishButton,
    ),
    table('versions', ['Version', 'ARN', 'Created'], versionsBody),
    h('h2', {}, 'Aliases'),
    h(
      'form',
      {
        class: 'form-row inline-form',
        onsubmit: async (event: Event) => {
          event.preventDefault();
          if (!checkAlias()) return;
          aliasButton.disabled = true;
          try {
            await sfn('CreateStateMachineAlias', {
              name: aliasName.value,
              routingConfiguration: [{ stateMachineVersionArn: aliasVersion.value, weight: 100 }],
            });
            say(`Created alias ${aliasName.value}.`, 'ok');
            aliasName.value = '';
          } catch (error) {
            // The name stays, to be put right.
            say(`Create alias failed — ${errorText(error)}`, 'error');
          }
          await reload();
        },
      },
      field('Alias name', 'alias-name', aliasName, aliasMessage),
      field('Routes to', 'alias-version', aliasVersion),
      aliasButton,
    ),
    table('aliases', ['Name', 'Routing', 'Created'], aliasesBody),
    status,
  );
  void reload();
  return {
    element,
    close: () => {
      closed = true;
    },
  };
}
