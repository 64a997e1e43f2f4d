import { useEffect, useState, type RefObject } from 'react';
import Typography from '@mui/material/Typography';
import { useListContext, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router';

/** Keys typed into a field are text, not commands. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('[role="combobox"], [role="listbox"]') !== null
  );
}

/**
 * The inbox's keyboard: `/` focuses the search, `j` / `k` move the highlighted row, `Enter` opens
 * the highlighted case and `f` opens it with the forward dialog. The highlight is a data attribute
 * the table styles as a focus ring, set on the rendered rows so it follows the list's own order.
 */
export const InboxShortcuts = ({ table }: { table: RefObject<HTMLElement | null> }) => {
  const { data } = useListContext<{ id: string }>();
  const navigate = useNavigate();
  const [highlight, setHighlight] = useState(-1);
  const count = data?.length ?? 0;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      // A dialog or menu open over the list takes the keyboard (the filter menu stays mounted, hidden).
      if (document.querySelector('.MuiModal-root:not(.MuiModal-hidden)')) return;
      const current = highlight >= 0 && highlight < count ? data?.[highlight] : undefined;
      if (event.key === '/') {
        const search = table.current?.ownerDocument.querySelector<HTMLInputElement>('input[name="q"]');
        if (!search) return;
        event.preventDefault();
        search.focus();
      } else if (event.key === 'j' || event.key === 'k') {
        if (count === 0) return;
        event.preventDefault();
        setHighlight((index) =>
          event.key === 'j' ? Math.min(count - 1, index + 1) : Math.max(0, index < 0 ? 0 : index - 1),
        );
      } else if (event.key === 'Enter' && current) {
        event.preventDefault();
        void navigate(`/cases/${current.id}/show`);
      } else if (event.key === 'f' && current) {
        event.preventDefault();
        void navigate(`/cases/${current.id}/show?action=forward`);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [count, data, highlight, navigate, table]);

  useEffect(() => {
    const rows = table.current?.querySelectorAll<HTMLTableRowElement>('tbody tr') ?? [];
    rows.forEach((row, index) => {
      if (index === highlight) {
        row.setAttribute('data-highlighted', 'true');
        row.scrollIntoView({ block: 'nearest' });
      } else row.removeAttribute('data-highlighted');
    });
  });

  // react-admin labels the row checkboxes' wrapping span, where the label is not allowed, and
  // leaves the checkbox itself unlabelled (axe: aria-prohibited-attr, label): the label moves to it.
  useEffect(() => {
    table.current?.querySelectorAll('.RaDataTable-checkbox[aria-label]').forEach((wrapper) => {
      const input = wrapper.querySelector('input');
      if (!input) return;
      input.setAttribute('aria-label', wrapper.getAttribute('aria-label') ?? '');
      wrapper.removeAttribute('aria-label');
    });
  });

  return null;
};

/** One line under the toolbar naming the shortcuts. */
export const ShortcutsHelp = () => {
  const translate = useTranslate();
  return (
    <Typography
      variant="caption"
      color="text.secondary"
      component="p"
      data-testid="inbox-shortcuts"
      sx={{ px: 2, py: 0.25 }}
    >
      {translate('civicflow.case.shortcuts')}
    </Typography>
  );
};
