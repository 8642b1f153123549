/*
 * view_case_overview.c — the Overview tab: the parties of the case (role,
 * name, masked number, a co-applicant's signing, whom a representative
 * acts for, contact details) and its documents. The selection moves over
 * both; on a person, p reveals the full identity number, after a
 * question and a reason, for as long as the case stays open on screen;
 * on a document, S saves it and o opens it (view_case_document.c).
 */
#include "view_case.h"
#include "akt/buf.h"
#include "akt/case_format.h"
#include "akt/reveal.h"
#include "akt/xalloc.h"

#include <sys/stat.h>

/* ---- rows ---------------------------------------------------------------- */

/*
 * Row 0 heads the parties, one row each (or one saying there are
 * none); after an empty row, a row heads the documents, one row each
 * (or "none"). The selection counts parties first, then documents.
 */
static size_t party_rows(const struct akt_case *k)
{
	return k->nparties ? k->nparties : 1;
}

static size_t row_of(const struct akt_case *k, size_t item)
{
	if (item < k->nparties)
		return 1 + item;
	return 3 + party_rows(k) + (item - k->nparties);
}

static const struct akt_party *sel_party(struct vc *c)
{
	if (!c->loaded || c->ov.list.sel >= c->c.nparties)
		return NULL;
	return &c->c.parties[c->ov.list.sel];
}

static const struct akt_document *sel_document(struct vc *c)
{
	size_t i = c->ov.list.sel;

	if (!c->loaded || i < c->c.nparties ||
	    i - c->c.nparties >= c->c.ndocuments)
		return NULL;
	return &c->c.documents[i - c->c.nparties];
}

/* The number revealed of a party, or NULL. */
static const char *vc_revealed(const struct vc *c, int64_t party_id)
{
	for (size_t i = 0; i < c->ov.nreveals; i++)
		if (c->ov.reveals[i].party_id == party_id)
			return c->ov.reveals[i].number;
	return NULL;
}

static const struct akt_party *party_by_id(const struct akt_case *k,
					   int64_t id)
{
	for (size_t i = 0; i < k->nparties; i++)
		if (k->parties[i].id == id)
			return &k->parties[i];
	return NULL;
}

static const char *role_name(enum akt_party_role r)
{
	switch (r) {
	case AKT_PARTY_APPLICANT:
		return _("Applicant");
	case AKT_PARTY_CO_APPLICANT:
		return _("Co-applicant");
	default:
		return _("Representative");
	}
}

static const char *kind_name(const char *kind)
{
	if (!kind)
		return "";
	if (strcmp(kind, "attachment") == 0)
		return _("attachment");
	if (strcmp(kind, "decision") == 0)
		return _("decision");
	if (strcmp(kind, "protocol") == 0)
		return _("protocol");
	return kind;
}

/* "198503121234" as "19850312-1234", the way the masked one reads. */
static void pin_text(const char *pin, char out[32])
{
	if (strlen(pin) == 12 && akt_all_digits(pin))
		snprintf(out, 32, "%.8s-%.4s", pin, pin + 8);
	else
		snprintf(out, 32, "%s", pin);
}

/* "signed 2026-11-02", "pending", "declined", "represents Åsa Öberg". */
static char *party_state(const struct akt_case *k, const struct akt_party *p)
{
	if (p->role == AKT_PARTY_CO_APPLICANT && p->signing_state) {
		char *d = akt_fmt_date(p->signing_at), *s;

		if (strcmp(p->signing_state, "signed") == 0)
			s = xasprintf(_("signed %s"), d);
		else if (strcmp(p->signing_state, "pending") == 0)
			s = xstrdup(_("pending"));
		else if (strcmp(p->signing_state, "declined") == 0)
			s = *d ? xasprintf(_("declined %s"), d) :
			    xstrdup(_("declined"));
		else
			s = xstrdup(p->signing_state);
		free(d);
		return s;
	}
	if (p->role == AKT_PARTY_REPRESENTATIVE && p->represents) {
		const struct akt_party *o = party_by_id(k, p->represents);

		return o ? xasprintf(_("represents %s"), o->name) :
		       xasprintf(_("represents party %lld"),
				 (long long)p->represents);
	}
	return xstrdup("");
}

static char *contact(const struct akt_party *p)
{
	if (p->email && p->phone)
		return xasprintf("%s, %s", p->email, p->phone);
	return xstrdup(p->email ? p->email : p->phone ? p->phone : "");
}

/* ---- drawing ------------------------------------------------------------- */

/* Party columns after the mark: role, name, number, state, contact. */
struct pcols {
	int role, name, num, state, contact;
};

static struct pcols party_cols(int cols)
{
	struct pcols w = { 14, 0, 13, 20, 0 };
	int left;

	if (cols > 120)
		w.state = 30;
	left = AKT_MAX(cols - 2 - w.role - w.num - w.state - 4, 12);
	/* the name first; contact details get what a wide screen has */
	w.name = AKT_MAX(12, AKT_MIN(30, left * 3 / 5));
	w.contact = AKT_MAX(0, left - w.name);
	return w;
}

static void draw_party(struct ui_view *v, int y, int cols, size_t i,
		       bool sel)
{
	struct vc *c = vc_of(v);
	const struct akt_party *p = &c->c.parties[i];
	struct pcols w = party_cols(cols);
	attr_t a = vc_row_start(v, y, sel);
	const char *pin = p->organisation ? p->organisation_number :
			  p->personal_number;
	const char *full = p->organisation ? NULL : vc_revealed(c, p->id);
	char shown[32], *state = party_state(&c->c, p), *con = contact(p);
	int x = 2;

	x += ui_put(y, x, w.role, role_name(p->role), true) + 1;
	x += ui_put(y, x, w.name, p->name, true) + 1;
	if (full) {
		pin_text(full, shown);
		attrset(a | A_BOLD);
	}
	x += ui_put(y, x, w.num, full ? shown : pin ? pin : "", true) + 1;
	attrset(a);
	x += ui_put(y, x, w.state, state, true) + 1;
	ui_put(y, x, cols - x, con, true);
	free(state);
	free(con);
	if (full)
		explicit_bzero(shown, sizeof(shown));
}

/* The document's name takes what kind, size and date leave, up to a
 * width that keeps them near it on a wide screen. */
static int doc_name_width(int cols)
{
	return AKT_MAX(10, AKT_MIN(60, cols - 2 - 11 - 10 - 10 - 3));
}

static void draw_document(struct ui_view *v, int y, int cols, size_t i,
			  bool sel)
{
	const struct akt_document *d = &vc_of(v)->c.documents[i];
	char *size = akt_fmt_size(d->size), *date = akt_fmt_date(d->created_at);
	int name = doc_name_width(cols), x = 2;

	vc_row_start(v, y, sel);
	x += ui_put(y, x, name, d->name, true) + 1;
	x += ui_put(y, x, 11, kind_name(d->kind), true) + 1;
	x += ui_putf(y, x, 10, true, "%9s", size) + 1;
	ui_put(y, x, cols - x, date, true);
	free(size);
	free(date);
}

static void draw_heading(struct ui_view *v, int y, int cols, bool parties)
{
	attrset(ui_attr(v->ui, AKT_T_HEADER));
	if (parties) {
		struct pcols w = party_cols(cols);
		int x = 2;

		ui_put(y, 0, 2, "", true);
		x += ui_put(y, x, w.role, _("Party"), true) + 1;
		x += ui_put(y, x, w.name, _("Name"), true) + 1;
		x += ui_put(y, x, w.num, _("Number"), true) + 1;
		x += ui_put(y, x, w.state, _("Signing, acting for"), true) + 1;
		ui_put(y, x, cols - x, _("Contact"), true);
	} else {
		int name = doc_name_width(cols), x = 2;

		ui_put(y, 0, 2, "", true);
		x += ui_put(y, x, name, _("Document"), true) + 1;
		x += ui_put(y, x, 11, _("Kind"), true) + 1;
		/* over the sizes, which stand to the right */
		ui_put(y, x, 10, "", true);
		ui_put(y, x + AKT_MAX(0, 9 - ui_width(_("Size"))), 10,
		       _("Size"), false);
		x += 11;
		ui_put(y, x, cols - x, _("Filed"), true);
	}
}

static void ov_draw(struct ui_view *v, int y0, int rows, int cols)
{
	struct vc *c = vc_of(v);
	const struct akt_case *k = &c->c;
	struct vc_overview *o = &c->ov;
	size_t total = 3 + party_rows(k) + (k->ndocuments ? k->ndocuments : 1);
	size_t sel_row, first;

	o->list.count = k->nparties + k->ndocuments;
	ui_list_clamp(&o->list, rows);
	sel_row = row_of(k, o->list.sel);
	/* the heading above the first of a section shows with it */
	first = (o->list.sel == 0 || o->list.sel == k->nparties) ?
		sel_row - 1 : sel_row;
	if (o->list.count)
		vc_scroll_to(&o->top, first, sel_row - first + 1, rows);
	if (o->top + (size_t)rows > total)
		o->top = total > (size_t)rows ? total - (size_t)rows : 0;
	for (int i = 0; i < rows; i++) {
		size_t r = o->top + (size_t)i, docs = 2 + party_rows(k);
		int y = y0 + i;
		bool sel;

		attrset(ui_attr(v->ui, AKT_T_TEXT));
		if (r >= total || r == docs - 1) {
			ui_put(y, 0, cols, "", true);
		} else if (r == 0 || r == docs) {
			draw_heading(v, y, cols, r == 0);
		} else if (r < docs) {
			if (!k->nparties) {
				view_state_line(v->ui, y, cols,
						_("  no parties"), false);
				continue;
			}
			sel = o->list.count && o->list.sel == r - 1;
			draw_party(v, y, cols, r - 1, sel);
		} else {
			if (!k->ndocuments) {
				view_state_line(v->ui, y, cols,
						_("  no documents"), false);
				continue;
			}
			sel = o->list.sel == k->nparties + (r - docs - 1);
			draw_document(v, y, cols, r - docs - 1, sel);
		}
	}
}

/* ---- details (Enter) ----------------------------------------------------- */

static void show_party(struct ui_view *v, const struct akt_party *p)
{
	const struct akt_case *k = &vc_of(v)->c;
	char *state = party_state(k, p), *title;
	const char *num = p->organisation ? p->organisation_number :
			  p->personal_number;
	struct akt_buf b;

	/* the page shows the number masked: a revealed one stays on the
	 * Overview, which wipes it when the case closes */
	akt_buf_init(&b, SIZE_MAX);
	akt_buf_printf(&b, "%s %s\n", _("Role:"), role_name(p->role));
	akt_buf_printf(&b, "%s %s\n", _("Name:"), p->name);
	akt_buf_printf(&b, "%s %s\n", p->organisation ?
		       _("Organisation number:") :
		       _("Personal identity number:"), num ? num : "");
	if (*state)
		akt_buf_printf(&b, "%s %s\n", _("State:"), state);
	akt_buf_printf(&b, "%s %s\n", _("E-mail:"), p->email ? p->email : "–");
	akt_buf_printf(&b, "%s %s\n", _("Phone:"), p->phone ? p->phone : "–");
	title = xasprintf("%s – %s", k->s.number, p->name);
	ui_show_text(v->ui, title, akt_buf_str(&b));
	free(title);
	akt_buf_free(&b);
	free(state);
}

static void show_document(struct ui_view *v, const struct akt_document *d)
{
	const struct akt_case *k = &vc_of(v)->c;
	char *size = akt_fmt_size(d->size), *at = akt_fmt_time(d->created_at);
	char *text, *title;
	char *bytes = xasprintf(_("%lld bytes"), (long long)d->size);

	text = xasprintf("%s %s\n%s %s\n%s %s\n%s %s (%s)\n"
			 "%s %s\n\n%s\n",
			 _("Name:"), d->name, _("Kind:"), kind_name(d->kind),
			 _("Type:"), d->media_type ? d->media_type : "",
			 _("Size:"), size, bytes,
			 _("Filed:"), at,
			 _("On the Overview, S saves the document to a file "
			   "and o opens it."));
	free(bytes);
	title = xasprintf("%s – %s", k->s.number, d->name);
	ui_show_text(v->ui, title, text);
	free(title);
	free(text);
	free(size);
	free(at);
}

static bool ov_action(struct ui_view *v, enum akt_action a, int rows)
{
	struct vc *c = vc_of(v);
	const struct akt_party *p;
	const struct akt_document *d;

	c->ov.list.count = c->c.nparties + c->c.ndocuments;
	if (a == AKT_A_ENTER) {
		if ((p = sel_party(c)))
			show_party(v, p);
		else if ((d = sel_document(c)))
			show_document(v, d);
		return true;
	}
	return ui_list_action(&c->ov.list, a, rows);
}

/* ---- revealing a number -------------------------------------------------- */

static void got_reveal(struct ui_view *v, const struct akt_reply *r,
		       void *arg)
{
	struct vc *c = vc_of(v);
	struct vc_reveal *rv;
	int64_t party;
	char *number = NULL, *err = NULL;

	if ((unsigned)(uintptr_t)arg != c->ov.reveal_gen)
		return;
	if (r->status == 403) {
		ui_err(v->ui, "%s", _("you may not see personal identity "
				      "numbers (scope pin:reveal)"));
		return;
	}
	if (r->status == 409) {
		ui_err(v->ui, "%s", _("an organisation has no personal "
				      "identity number to reveal"));
		return;
	}
	if (r->status == 404) {
		ui_err(v->ui, "%s", _("that party is no longer part of the "
				      "case; nothing was revealed"));
		return;
	}
	if (r->result != AKT_OK) {
		view_fail(v, r, _("revealing failed"));
		return;
	}
	if (!akt_reveal_decode(r->json, &party, &number, &err)) {
		ui_err(v->ui, _("the platform's answer is not understood: %s"),
		       err);
		free(err);
		return;
	}
	if (vc_revealed(c, party)) {
		xfree_secret(&number);
		return;
	}
	c->ov.reveals = xreallocarray(c->ov.reveals, c->ov.nreveals + 1,
				      sizeof(*c->ov.reveals));
	rv = &c->ov.reveals[c->ov.nreveals++];
	rv->party_id = party;
	rv->number = number;
	ui_msg(v->ui, "%s", _("Revealed (the platform logged it); shown until "
			      "you close this case."));
}

static void reveal_reason(struct ui *ui, const char *text, void *arg)
{
	struct ui_view *v = view_of_tag(ui, arg);
	struct vc *c;
	const struct akt_party *p;
	const char *t = text;

	if (!v)
		return;
	c = vc_of(v);
	while (t && (*t == ' ' || *t == '\t'))
		t++;
	if (!t) {
		ui_msg(ui, "%s", _("Nothing was revealed."));
		return;
	}
	if (!*t) {
		ui_err(ui, "%s", _("a reason is required; nothing was "
				   "revealed"));
		return;
	}
	if (!c->loaded || !(p = party_by_id(&c->c, c->ov.asking))) {
		ui_err(ui, "%s", _("that party is no longer part of the case; "
				   "nothing was revealed"));
		return;
	}
	/* checked first: a request made for the status bar must be sent */
	if (!akt_op_text_ok(t)) {
		ui_err(ui, "%s", _("the reason is not valid text; nothing was "
				   "revealed"));
		return;
	}
	struct ui_req *req = ui_req_new(v, got_reveal,
					(void *)(uintptr_t)++c->ov.reveal_gen);

	/* logged on the platform: Esc must not leave it half done and
	 * unreported */
	ui_req_keep(req);
	(void)akt_op_reveal(ui->session, c->id, p->id, t, ui_req_cb, req);
}

static void reveal_confirmed(struct ui *ui, int choice, void *arg)
{
	struct ui_view *v = view_of_tag(ui, arg);

	if (!v)
		return;
	if (choice != 1) {
		ui_msg(ui, "%s", _("Nothing was revealed."));
		return;
	}
	ui_prompt(ui, _("Reason (logged):"), "", NULL, reveal_reason,
		  view_tag(v));
}

void vc_reveal(struct ui_view *v)
{
	struct vc *c = vc_of(v);
	const struct akt_party *p = sel_party(c);
	char *q;

	if (!p) {
		ui_err(v->ui, "%s", _("select a person among the parties to "
				      "reveal a number"));
		return;
	}
	if (p->organisation || !p->personal_number) {
		ui_err(v->ui, "%s", _("an organisation has no personal "
				      "identity number to reveal"));
		return;
	}
	if (vc_revealed(c, p->id)) {
		ui_msg(v->ui, "%s", _("The number is already shown."));
		return;
	}
	c->ov.asking = p->id;
	q = xasprintf(_("Reveal the personal identity number of %s? This is "
			"logged."), p->name);
	ui_confirm(v->ui, q, reveal_confirmed, view_tag(v));
	free(q);
}

/* ---- saving and opening -------------------------------------------------- */

static const struct akt_document *doc_by_id(struct vc *c, int64_t id)
{
	if (!c->loaded)
		return NULL;
	for (size_t i = 0; i < c->c.ndocuments; i++)
		if (c->c.documents[i].id == id)
			return &c->c.documents[i];
	return NULL;
}

static void save_replace(struct ui *ui, int choice, void *arg)
{
	struct ui_view *v = view_of_tag(ui, arg);
	struct vc *c;
	const struct akt_document *d;

	if (!v)
		return;
	c = vc_of(v);
	if (choice != 1)
		ui_msg(ui, "%s", _("Not saved."));
	else if (!(d = doc_by_id(c, c->ov.saving)))
		ui_err(ui, "%s", _("the document is no longer part of the "
				   "case"));
	else
		vc_doc_save(v, d, c->ov.save_file, true);
	xfree(&c->ov.save_file);
}

/* The name as typed: "~/" is the home directory, and a directory gets
 * the document's own name inside it. malloc'd. */
static char *target_name(const char *typed, const struct akt_document *d)
{
	const char *home = getenv("HOME");
	struct stat st;
	char *file, *safe;

	if (strncmp(typed, "~/", 2) == 0 && home && *home)
		file = xasprintf("%s/%s", home, typed + 2);
	else
		file = xstrdup(typed);
	if (stat(file, &st) == 0 && S_ISDIR(st.st_mode)) {
		char *in;

		safe = akt_fmt_file_name(d->name, d->id);
		in = xasprintf("%s%s%s", file,
			       file[strlen(file) - 1] == '/' ? "" : "/", safe);
		free(safe);
		free(file);
		file = in;
	}
	return file;
}

static void save_to(struct ui_view *v, const struct akt_document *d,
		    const char *typed)
{
	struct vc *c = vc_of(v);
	char *file = target_name(typed, d), *q;
	struct stat st;

	if (lstat(file, &st) != 0) {
		vc_doc_save(v, d, file, false);
		free(file);
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		ui_err(v->ui, _("%s is a directory; give a file name"), file);
		free(file);
		return;
	}
	c->ov.saving = d->id;
	free(c->ov.save_file);
	c->ov.save_file = file;
	q = xasprintf(_("%s exists. Replace it?"), file);
	ui_confirm(v->ui, q, save_replace, view_tag(v));
	free(q);
}

static void save_answer(struct ui *ui, const char *text, void *arg)
{
	struct ui_view *v = view_of_tag(ui, arg);
	const struct akt_document *d;

	if (!v)
		return;
	if (!text || !*text) {
		ui_msg(ui, "%s", _("Not saved."));
		return;
	}
	if (!(d = doc_by_id(vc_of(v), vc_of(v)->ov.saving))) {
		ui_err(ui, "%s", _("the document is no longer part of the "
				   "case"));
		return;
	}
	save_to(v, d, text);
}

void vc_save(struct ui_view *v, const char *file)
{
	struct vc *c = vc_of(v);
	const struct akt_document *d = sel_document(c);
	char *name;

	if (!d) {
		ui_err(v->ui, "%s", _("select a document to save"));
		return;
	}
	if (file) {
		save_to(v, d, file);
		return;
	}
	c->ov.saving = d->id;
	name = akt_fmt_file_name(d->name, d->id);
	ui_prompt(v->ui, _("Save as:"), name, NULL, save_answer,
		  view_tag(v));
	free(name);
}

void vc_open(struct ui_view *v)
{
	const struct akt_document *d = sel_document(vc_of(v));

	if (!d) {
		ui_err(v->ui, "%s", _("select a document to open"));
		return;
	}
	vc_doc_open(v, d);
}

/* ---- the tab ------------------------------------------------------------- */

static void ov_done(struct ui_view *v)
{
	struct vc_overview *o = &vc_of(v)->ov;

	/* the numbers were only ever in memory: leave nothing there */
	for (size_t i = 0; i < o->nreveals; i++)
		xfree_secret(&o->reveals[i].number);
	free(o->reveals);
	o->reveals = NULL;
	o->nreveals = 0;
	free(o->save_file);
}

const struct vc_tab_ops vc_overview_ops = {
	.id = "overview",
	.name = N_("Overview"),
	.draw = ov_draw,
	.action = ov_action,
	.done = ov_done,
};
