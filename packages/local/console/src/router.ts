/** A page of the console, from the URL's fragment. */
export type Route =
  | { readonly page: 'state-machines' }
  | { readonly page: 'state-machine'; readonly arn: string }
  | { readonly page: 'execution'; readonly arn: string }
  | { readonly page: 'callbacks' }
  | { readonly page: 'around' };

/** Reads `#/state-machines/<arn>`, `#/executions/<arn>`, `#/callbacks`, `#/around`. */
export function parseRoute(hash: string): Route {
  const [, section = '', ...rest] = hash.replace(/^#/, '').split('/');
  const arn = decodeURIComponent(rest.join('/'));
  if (section === 'state-machines' && arn) return { page: 'state-machine', arn };
  if (section === 'executions' && arn) return { page: 'execution', arn };
  if (section === 'callbacks') return { page: 'callbacks' };
  if (section === 'around') return { page: 'around' };
  return { page: 'state-machines' };
}

/** The fragment of a route. */
export function href(route: Route): string {
  switch (route.page) {
    case 'state-machine':
      return `#/state-machines/${encodeURIComponent(route.arn)}`;
    case 'execution':
      return `#/executions/${encodeURIComponent(route.arn)}`;
    case 'callbacks':
      return '#/callbacks';
    case 'around':
      return '#/around';
    default:
      return '#/state-machines';
  }
}
