/**
 * The page's only script, optional: it turns the per-sender table's column headings into buttons
 * that sort the rows. Without it (scripts off, a viewer that strips them, paper) the table reads
 * the same in its built order, by messages. The page's Content-Security-Policy allows this script
 * by its hash and nothing else, and forbids every network request.
 *
 * Why a script rather than script-free sorting: pre-sorted copies of the table multiply the page
 * by the number of columns (a 10,000-message report would carry six tables), and CSS `order`
 * tricks move rows on screen but not for screen readers or print.
 */
import { createHash } from 'node:crypto';

/**
 * The script's text, as it is written into the page.
 *
 * @example
 * SORT_SCRIPT.includes('aria-sort'); // true
 */
export const SORT_SCRIPT = `(() => {
  for (const table of document.querySelectorAll('table.sortable')) {
    const body = table.tBodies[0];
    const heads = [...table.tHead.rows[0].cells];
    heads.forEach((th, col) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = th.textContent;
      th.textContent = '';
      th.append(button);
      button.addEventListener('click', () => {
        const numeric = th.dataset.type === 'num';
        const current = th.getAttribute('aria-sort');
        const descending = current === null ? numeric : current === 'ascending';
        for (const h of heads) h.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        const rows = [...body.rows].map((row, i) => ({ row, i, key: row.cells[col].dataset.sort ?? '' }));
        rows.sort((a, b) => {
          const c = numeric ? Number(a.key) - Number(b.key) : a.key.localeCompare(b.key);
          return (descending ? -c : c) || a.i - b.i;
        });
        body.append(...rows.map((r) => r.row));
      });
    });
  }
})();`;

/**
 * The CSP source that allows {@link SORT_SCRIPT} and no other script.
 *
 * @example
 * SORT_SCRIPT_HASH; // "'sha256-…'"
 */
export const SORT_SCRIPT_HASH = `'sha256-${createHash('sha256').update(SORT_SCRIPT, 'utf8').digest('base64')}'`;
