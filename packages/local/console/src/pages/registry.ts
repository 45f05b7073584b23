import { activitiesPage } from './activities-page.js';
import { activityPage } from './activity-page.js';
import { aroundPage } from './around-page.js';
import { callbacksPage } from './callbacks-page.js';
import { definitionPage } from './definition-page.js';
import { executionPage } from './execution-page.js';
import { executionsPage } from './executions-page.js';
import { mapRunPage } from './map-run-page.js';
import type { PageEntry } from './page.js';
import { stateMachinePage } from './state-machine-page.js';
import { stateMachinesPage } from './state-machines-page.js';
import { testStatePage } from './test-state-page.js';

/**
 * Every page of the console, in the top bar's order. A new page (activities, versions and
 * aliases, Map Runs…) is one file exporting its page function, plus one entry here.
 * The first entry is the home page (an unknown fragment shows it).
 */
export const PAGES: readonly PageEntry[] = [
  {
    section: 'state-machines',
    arn: 'none',
    open: () => stateMachinesPage(),
    nav: { label: 'State machines' },
  },
  {
    section: 'state-machines',
    arn: 'required',
    open: (arn) => stateMachinePage(arn as string),
  },
  {
    section: 'editor',
    arn: 'optional',
    open: (arn) => definitionPage(arn),
    navSection: 'state-machines',
  },
  {
    section: 'executions',
    arn: 'none',
    open: () => executionsPage(),
    nav: { label: 'Executions' },
  },
  {
    section: 'executions',
    arn: 'required',
    open: (arn) => executionPage(arn as string),
  },
  {
    section: 'map-runs',
    arn: 'required',
    open: (arn) => mapRunPage(arn as string),
    navSection: 'executions',
  },
  {
    section: 'activities',
    arn: 'none',
    open: () => activitiesPage(),
    nav: { label: 'Activities' },
  },
  {
    section: 'activities',
    arn: 'required',
    open: (arn) => activityPage(arn as string),
  },
  {
    section: 'test-state',
    arn: 'none',
    open: () => testStatePage(),
    nav: { label: 'Test a state' },
  },
  {
    section: 'callbacks',
    arn: 'none',
    open: () => callbacksPage(),
    nav: { label: 'Pending callbacks', badge: (counts) => counts.pending },
  },
  {
    section: 'around',
    arn: 'none',
    open: () => aroundPage(),
    nav: { label: 'Notifications, queues, logs' },
  },
];

/** The entry that answers `section` with or without an ARN (the home page when none does). */
export function pageFor(section: string, arn: string | undefined): PageEntry {
  const fits = (entry: PageEntry) =>
    entry.section === section &&
    (entry.arn === 'optional' || (entry.arn === 'required') === (arn !== undefined));
  return PAGES.find(fits) ?? (PAGES[0] as PageEntry);
}
