import { useLayoutEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { StoredAccount } from '../../../../core/account';
import { useNow } from '../../../components/useNow';
import type { ListItem } from '../../../order';
import { markCodesPainted } from '../../../perf';
import { AccountRow, type RowAction } from './AccountRow';

/**
 * First guesses, corrected from ResizeObserver (zoom and fonts change them). The row guess matches
 * the CSS (fixed line heights), so normally nothing is corrected and the list renders exactly once.
 */
const ROW_ESTIMATE = 85;
const VIEW_ESTIMATE = 500;
/** Rows rendered beyond each edge, so fast scrolling and arrow keys rarely meet a blank. */
const OVERSCAN = 4;
const DRAG_TYPE = 'application/x-tweestap-account';

export interface FocusRequest {
  id: string;
  /** Bumped for every request, so asking twice for the same row still moves focus. */
  seq: number;
}

interface Props {
  items: ListItem[];
  query: string;
  highlightId: string | undefined;
  focus: FocusRequest | undefined;
  canMove: (id: string, delta: -1 | 1) => boolean;
  onCopy: (account: StoredAccount) => void;
  onAction: (action: RowAction, account: StoredAccount) => void;
  onReorder: (id: string, targetId: string, after: boolean) => void;
  /** Arrow Up on the first row goes back to the search box. */
  onLeaveTop: () => void;
}

/**
 * Virtualized: only the rows in view (plus a few) exist, so a thousand accounts cost what a
 * dozen do. All rows share one height, measured from a real row. One timer, aligned to the
 * clock's seconds, redraws codes and rings of the rendered rows only.
 */
export function AccountList(props: Props) {
  const { items } = props;
  const count = items.length;
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);
  // Scroll position and viewport live in refs: most scroll events need no render at all.
  const view = useRef({ top: 0, height: VIEW_ESTIMATE });
  const rendered = useRef({ start: 0, end: 0 });
  const pendingFocus = useRef<number | undefined>(undefined);
  const firstMount = useRef(true);
  const [rowHeight, setRowHeight] = useState(ROW_ESTIMATE);
  const [active, setActive] = useState(0);
  const now = useNow();
  const [drag, setDrag] = useState<{ id: string; over?: string; after?: boolean }>();
  const [, redraw] = useReducer((n: number) => n + 1, 0);

  const rangeFor = (top: number, height: number, row = rowHeight) => ({
    start: Math.max(0, Math.floor(top / row) - OVERSCAN),
    end: Math.min(count, Math.ceil((top + height) / row) + OVERSCAN),
  });
  const { start, end } = rangeFor(view.current.top, view.current.height);
  rendered.current = { start, end };

  /** Renders again only when rows that should be visible are missing, not for every pixel. */
  const syncView = (top: number, height: number) => {
    view.current = { top, height };
    const needed = rangeFor(top, height);
    const have = rendered.current;
    if (needed.start < have.start || needed.end > have.end || have.end - needed.end > 2 * OVERSCAN) redraw(0);
  };
  // Observers outlive renders; through this they always see the current count and row height.
  const syncLatest = useRef(syncView);
  syncLatest.current = syncView;

  // Sizes come from ResizeObserver, which reports after layout: reading clientHeight or
  // getBoundingClientRect during the commit would force an extra layout before the first paint.
  const rowObserver = useRef<ResizeObserver | undefined>(undefined);
  const observedRow = useRef<Element | null>(null);
  const rowHeightNow = useRef(rowHeight);
  rowHeightNow.current = rowHeight;
  useLayoutEffect(() => {
    const element = scroller.current!;
    const viewObserver = new ResizeObserver(([entry]) => {
      if (entry) syncLatest.current(view.current.top, entry.contentRect.height);
    });
    viewObserver.observe(element);
    rowObserver.current = new ResizeObserver(([entry]) => {
      const measured = entry?.borderBoxSize[0]?.blockSize;
      if (measured && Math.abs(measured - rowHeightNow.current) > 0.25) setRowHeight(measured);
    });
    const raf = requestAnimationFrame(() => {
      list.current?.setAttribute('data-ready', 'true');
      markCodesPainted();
    });
    return () => {
      viewObserver.disconnect();
      rowObserver.current?.disconnect();
      cancelAnimationFrame(raf);
    };
  }, []);

  // All rows share one height; watching whichever row is first is enough.
  useLayoutEffect(() => {
    const row = list.current?.firstElementChild ?? null;
    if (row === observedRow.current) return;
    if (observedRow.current) rowObserver.current?.unobserve(observedRow.current);
    if (row) rowObserver.current?.observe(row);
    observedRow.current = row;
  });

  useLayoutEffect(() => {
    if (pendingFocus.current === undefined) return;
    const target = list.current?.querySelector<HTMLElement>(`li[data-index="${pendingFocus.current}"]`);
    if (target) {
      pendingFocus.current = undefined;
      target.focus({ preventScroll: true });
    }
  });

  useLayoutEffect(() => {
    if (firstMount.current) {
      firstMount.current = false;
      return;
    }
    if (scroller.current) scroller.current.scrollTop = 0;
    setActive(0);
    syncView(0, view.current.height);
  }, [props.query]);

  const focusIndex = (wanted: number, center = false) => {
    const element = scroller.current;
    if (!element || count === 0) return;
    const index = Math.max(0, Math.min(count - 1, wanted));
    const top = index * rowHeight;
    const height = element.clientHeight;
    if (center) element.scrollTop = top - (height - rowHeight) / 2;
    else if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + height) element.scrollTop = top + rowHeight - height;
    setActive(index);
    pendingFocus.current = index;
    syncView(element.scrollTop, height);
    redraw(0);
  };

  useLayoutEffect(() => {
    if (!props.focus) return;
    const index = items.findIndex((item) => item.account.id === props.focus!.id);
    if (index >= 0) focusIndex(index, true);
  }, [props.focus?.seq]);

  const rowAt = (target: EventTarget | null) =>
    (target as Element | null)?.closest?.<HTMLLIElement>('li[data-index]') ?? undefined;

  const onKeyDown = (event: KeyboardEvent) => {
    const row = rowAt(event.target);
    if (!row) return;
    const index = Number(row.dataset.index);
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? VIEW_ESTIMATE) / rowHeight) - 1);
    switch (event.key) {
      case 'ArrowDown':
        focusIndex(index + 1);
        break;
      case 'ArrowUp':
        if (index === 0) props.onLeaveTop();
        else focusIndex(index - 1);
        break;
      case 'PageDown':
        focusIndex(index + page);
        break;
      case 'PageUp':
        focusIndex(index - page);
        break;
      case 'Home':
        focusIndex(0);
        break;
      case 'End':
        focusIndex(count - 1);
        break;
      case 'Enter':
      case ' ': {
        if (event.target !== row) return;
        const item = items[index];
        if (item) props.onCopy(item.account);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  const onClick = (event: MouseEvent) => {
    const target = event.target as Element;
    // Buttons and the menu inside a row do their own thing; anywhere else on the row copies.
    if (target.closest('button, a, input, [role="menu"]')) return;
    const row = rowAt(target);
    const item = row ? items[Number(row.dataset.index)] : undefined;
    if (item) props.onCopy(item.account);
  };

  const onFocusIn = (event: FocusEvent) => {
    const row = rowAt(event.target);
    if (row) setActive(Number(row.dataset.index));
  };

  const onDragStart = (event: DragEvent) => {
    const row = rowAt(event.target);
    if (!row?.dataset.id || !event.dataTransfer) return;
    event.dataTransfer.setData(DRAG_TYPE, row.dataset.id);
    event.dataTransfer.effectAllowed = 'move';
    setDrag({ id: row.dataset.id });
  };

  const onDragOver = (event: DragEvent) => {
    const row = rowAt(event.target);
    if (!drag || !row?.dataset.id) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    const rect = row.getBoundingClientRect();
    const after = event.clientY > rect.top + rect.height / 2;
    if (drag.over !== row.dataset.id || drag.after !== after)
      setDrag({ ...drag, over: row.dataset.id, after });
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    if (drag?.over) props.onReorder(drag.id, drag.over, drag.after ?? false);
    setDrag(undefined);
  };

  // Keep one row reachable by Tab even when the active one has scrolled out of the rendered range.
  const tabbable = active >= start && active < end ? active : start;

  return (
    <div
      class="scroller"
      ref={scroller}
      onScroll={(event) => syncView(event.currentTarget.scrollTop, view.current.height)}
    >
      <ul
        ref={list}
        class="list"
        style={{ height: `${count * rowHeight}px`, paddingTop: `${start * rowHeight}px` }}
        onKeyDown={onKeyDown}
        onClick={onClick}
        onFocusIn={onFocusIn}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDrop={onDrop}
        onDragEnd={() => setDrag(undefined)}
      >
        {items.slice(start, end).map((item, offset) => {
          const index = start + offset;
          const over = drag && drag.over === item.account.id && drag.id !== item.account.id;
          return (
            <AccountRow
              key={item.account.id}
              item={item}
              index={index}
              total={count}
              now={now}
              tabbable={index === tabbable}
              highlighted={item.account.id === props.highlightId}
              draggable={count > 1}
              dropHint={over ? (drag.after ? 'after' : 'before') : undefined}
              canMove={props.canMove}
              onAction={props.onAction}
            />
          );
        })}
      </ul>
    </div>
  );
}
