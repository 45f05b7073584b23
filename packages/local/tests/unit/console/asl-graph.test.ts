import { describe, expect, it } from 'vitest';
import { aslGraph, choiceRuleLabel, shortResource } from '../../../console/src/graph/asl-graph.js';
import { layoutGraph } from '../../../console/src/graph/graph-layout.js';

const definition = {
  StartAt: 'Check',
  States: {
    Check: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.kind', StringEquals: 'many', Next: 'Each' },
        {
          And: [
            { Variable: '$.n', NumericGreaterThan: 2 },
            { Variable: '$.ok', BooleanEquals: true },
          ],
          Next: 'Both',
        },
      ],
      Default: 'Wait For Callback',
    },
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: { StartAt: 'Touch', States: { Touch: { Type: 'Pass', End: true } } },
      Next: 'Done',
    },
    Both: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Left', States: { Left: { Type: 'Pass', End: true } } },
        { StartAt: 'Right', States: { Right: { Type: 'Wait', Seconds: 1, End: true } } },
      ],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
      Next: 'Done',
    },
    'Wait For Callback': {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Catch: [{ ErrorEquals: ['States.Timeout', 'States.HeartbeatTimeout'], Next: 'Failed' }],
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
    Failed: { Type: 'Fail', Error: 'E' },
  },
};

describe('aslGraph: the definition as a graph', () => {
  const graph = aslGraph(definition);
  const state = (name: string) =>
    graph.nodes.find((n) => n.stateName === name && n.kind === 'state');
  const edge = (from: string, to: string) =>
    graph.edges.find((e) => e.from === from && e.to === to);

  it('has one node per state, nested ones included, each with its type, and a start and an end', () => {
    const names = [
      'Check',
      'Each',
      'Touch',
      'Both',
      'Left',
      'Right',
      'Wait For Callback',
      'Done',
      'Failed',
    ];
    expect(
      graph.nodes
        .filter((n) => n.kind === 'state')
        .map((n) => n.stateName)
        .sort(),
    ).toEqual(names.sort());
    expect(state('Right')?.type).toBe('Wait');
    expect(state('Each')?.type).toBe('Map');
    expect(graph.nodes.filter((n) => n.kind === 'start' || n.kind === 'end')).toHaveLength(2);
  });

  it('labels Choice rules and the Default, and tells Catch edges apart with their errors', () => {
    expect(edge('s:Check', 's:Each')).toMatchObject({ kind: 'choice', label: '$.kind == "many"' });
    expect(edge('s:Check', 's:Both')).toMatchObject({
      kind: 'choice',
      label: '$.n > 2 and $.ok == true',
    });
    expect(edge('s:Check', 's:Wait For Callback')).toMatchObject({
      kind: 'default',
      label: 'Default',
    });
    expect(edge('s:Wait For Callback', 's:Failed')).toMatchObject({
      kind: 'catch',
      label: 'Catch States.Timeout, States.HeartbeatTimeout',
    });
    expect(edge('s:Wait For Callback', 's:Done')?.kind).toBe('next');
  });

  it('draws Map and Parallel as groups around their states, left from the group end', () => {
    expect(graph.groups.map((g) => [g.stateName, g.type])).toEqual([
      ['Each', 'Map'],
      ['Both', 'Parallel'],
    ]);
    expect(state('Touch')?.parent).toBe('g:Each');
    expect(state('Left')?.parent).toBe('g:Both');
    expect(edge('s:Both', 's:Left')).toMatchObject({ kind: 'branch', label: 'branch 1' });
    expect(edge('s:Both', 's:Right')).toMatchObject({ kind: 'branch', label: 'branch 2' });
    expect(edge('s:Touch', 'e:Each')).toBeDefined();
    expect(edge('e:Each', 's:Done')?.kind).toBe('next');
    expect(edge('e:Both', 's:Failed')?.kind).toBe('catch');
  });

  it('marks the callback task as waiting for a task token, with its short resource', () => {
    expect(state('Wait For Callback')).toMatchObject({
      waitsForToken: true,
      resource: 'sqs:sendMessage.waitForTaskToken',
    });
    expect(state('Touch')?.waitsForToken).toBeUndefined();
  });

  it('reads JSONata conditions and Not rules, and Lambda ARNs', () => {
    expect(choiceRuleLabel({ Condition: '{% $states.input.n > 1 %}' })).toBe(
      '{% $states.input.n > 1 %}',
    );
    expect(choiceRuleLabel({ Not: { Variable: '$.x', IsPresent: true } })).toBe(
      'not ($.x IsPresent true)',
    );
    expect(shortResource('arn:aws:lambda:us-east-1:000000000000:function:Worker')).toBe(
      'lambda:Worker',
    );
  });
});

describe('layoutGraph (dagre)', () => {
  it('places every node, and each group around its nodes', () => {
    const layout = layoutGraph(aslGraph(definition));
    for (const node of layout.nodes) {
      expect(Number.isFinite(node.x) && Number.isFinite(node.y)).toBe(true);
      expect(node.width).toBeGreaterThan(0);
    }
    for (const group of layout.groups) {
      for (const node of layout.nodes.filter((n) => n.parent === group.id)) {
        expect(node.x - node.width / 2).toBeGreaterThanOrEqual(group.x - group.width / 2);
        expect(node.x + node.width / 2).toBeLessThanOrEqual(group.x + group.width / 2);
        expect(node.y - node.height / 2).toBeGreaterThanOrEqual(group.y - group.height / 2);
        expect(node.y + node.height / 2).toBeLessThanOrEqual(group.y + group.height / 2);
      }
    }
    for (const edge of layout.edges) expect(edge.points.length).toBeGreaterThanOrEqual(2);
    expect(layout.width).toBeGreaterThan(0);
  });
});
