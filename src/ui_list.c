/*
 * ui_list.c — the selection every list screen has, and how the movement
 * keys move it.
 */
#include "akt/ui.h"

void ui_list_clamp(struct ui_list *l, int rows)
{
	size_t r = rows > 0 ? (size_t)rows : 1;

	if (l->count == 0) {
		l->sel = l->top = 0;
		return;
	}
	if (l->sel >= l->count)
		l->sel = l->count - 1;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + r)
		l->top = l->sel - r + 1;
	/* No empty rows below the end when the list could fill them. */
	if (l->top + r > l->count)
		l->top = l->count > r ? l->count - r : 0;
}

bool ui_list_action(struct ui_list *l, enum akt_action a, int rows)
{
	size_t page = rows > 1 ? (size_t)rows - 1 : 1;

	switch (a) {
	case AKT_A_DOWN:
		if (l->sel + 1 < l->count)
			l->sel++;
		break;
	case AKT_A_UP:
		if (l->sel > 0)
			l->sel--;
		break;
	case AKT_A_PAGE_DOWN:
		/* The view moves a page and the selection with it, as in
		 * less and vi: the officer keeps the same place on screen. */
		if (l->count == 0)
			break;
		l->sel = AKT_MIN(l->sel + page, l->count - 1);
		l->top = AKT_MIN(l->top + page,
				 l->count > page ? l->count - page : 0);
		break;
	case AKT_A_PAGE_UP:
		l->sel = l->sel > page ? l->sel - page : 0;
		l->top = l->top > page ? l->top - page : 0;
		break;
	case AKT_A_FIRST:
		l->sel = 0;
		break;
	case AKT_A_LAST:
		l->sel = l->count ? l->count - 1 : 0;
		break;
	default:
		return false;
	}
	ui_list_clamp(l, rows);
	return true;
}
