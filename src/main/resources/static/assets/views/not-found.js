// Any address no route matches.
import { h } from '../ui/dom.js';
import { notice, searchLink } from '../ui/widgets.js';

export function render(ctx) {
  ctx.show(h('h1', { text: 'Page not found' }),
    notice('error', 'There is no page at ' + ctx.route.path, null, searchLink()));
}
