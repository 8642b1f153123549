/*
 * seed_documents.c — the documents of a case and their content: a real
 * one-page PDF, a 1×1 JPEG or plain text, small but whole so any viewer
 * opens them.
 */
#include "seed.h"

#include <string.h>

static void bmem(struct seed_buf *b, const char *s, size_t n)
{
	if (b->len + n < b->cap) {
		memcpy(b->p + b->len, s, n);
		b->len += n;
		b->p[b->len] = 0;
	}
}

/* A PDF string literal in WinAnsiEncoding (Latin-1 here) from UTF-8. */
static void pdf_string(struct seed_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	bmem(b, "(", 1);
	while (*p && b->len + 8 < b->cap) {
		unsigned cp = *p++;
		if (cp >= 0xc0 && cp < 0xe0 && (*p & 0xc0) == 0x80) {
			cp = (cp & 0x1f) << 6 | (*p++ & 0x3f);
		} else if (cp >= 0xe0 && cp < 0xf0 && (p[0] & 0xc0) == 0x80 &&
			   (p[1] & 0xc0) == 0x80) {
			cp = (cp & 0x0f) << 12 | (unsigned)(p[0] & 0x3f) << 6 |
			     (p[1] & 0x3f);
			p += 2;
		}
		if (cp == 0x2013)
			cp = 0x96;          /* en dash */
		char *o = b->p + b->len;
		if (cp == '(' || cp == ')' || cp == '\\') {
			o[0] = '\\';
			o[1] = (char)cp;
			b->len += 2;
		} else if (cp >= 0x20 && cp < 0x7f) {
			o[0] = (char)cp;
			b->len += 1;
		} else if (cp >= 0x80 && cp <= 0xff) {
			o[0] = '\\';
			o[1] = (char)('0' + (cp >> 6));
			o[2] = (char)('0' + (cp >> 3 & 7));
			o[3] = (char)('0' + (cp & 7));
			b->len += 4;
		} else {
			o[0] = '?';
			b->len += 1;
		}
	}
	bmem(b, ")", 1);
}

/* A one-page PDF: a heading and some lines of Helvetica, with a correct
 * cross-reference table so any reader opens it. */
static size_t make_pdf(char *out, size_t cap, const char *heading,
		       const char *const *lines, int n)
{
	static const char *const objs[4] = {
		"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n",
		"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n",
		"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]"
		"/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>endobj\n",
		"4 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica"
		"/Encoding/WinAnsiEncoding>>endobj\n",
	};
	char content[1024];
	struct seed_buf c = {content, 0, sizeof content};
	bmem(&c, "BT/F1 15 Tf 56 780 Td", 21);
	pdf_string(&c, heading);
	bmem(&c, "Tj/F1 11 Tf 0 -12 Td", 20);
	for (int i = 0; i < n; i++) {
		bmem(&c, " 0 -16 Td", 9);
		pdf_string(&c, lines[i]);
		bmem(&c, "Tj", 2);
	}
	bmem(&c, " ET", 3);

	struct seed_buf b = {out, 0, cap};
	size_t off[6];
	bmem(&b, "%PDF-1.4\n", 9);
	for (int i = 0; i < 4; i++) {
		off[i + 1] = b.len;
		bmem(&b, objs[i], strlen(objs[i]));
	}
	off[5] = b.len;
	seed_bput(&b, "5 0 obj<</Length %zu>>stream\n", c.len);
	bmem(&b, content, c.len);
	bmem(&b, "\nendstream\nendobj\n", 18);
	size_t xref = b.len;
	seed_bput(&b, "xref\n0 6\n0000000000 65535 f \n%010zu 00000 n \n"
		  "%010zu 00000 n \n%010zu 00000 n \n%010zu 00000 n \n"
		  "%010zu 00000 n \ntrailer<</Size 6/Root 1 0 R>>\nstartxref\n"
		  "%zu\n%%%%EOF\n", off[1], off[2], off[3], off[4], off[5], xref);
	return b.len;
}

/* A 1×1 grey baseline JPEG with the text in a comment segment. */
static size_t make_jpeg(char *out, size_t cap, const char *comment)
{
	static const unsigned char head[] = {0xff, 0xd8};
	static const unsigned char tail[] = {
		/* quantisation table 0: all ones */
		0xff, 0xdb, 0x00, 0x43, 0x00,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		/* frame: 8 bit, 1×1, one component */
		0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01,
		0x01, 0x11, 0x00,
		/* DC table 0: one 1-bit code for category 0 */
		0xff, 0xc4, 0x00, 0x14, 0x00, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0x00,
		/* AC table 0: one 1-bit code for end of block */
		0xff, 0xc4, 0x00, 0x14, 0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0x00,
		/* scan: DC 0, end of block, padded with ones */
		0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00,
		0x3f, 0xff, 0xd9,
	};
	size_t clen = strlen(comment);
	if (clen > 400)
		clen = 400;
	if (cap < sizeof head + 4 + clen + sizeof tail)
		return 0;
	size_t n = 0;
	memcpy(out, head, sizeof head);
	n += sizeof head;
	out[n++] = (char)0xff;
	out[n++] = (char)0xfe;
	out[n++] = (char)((clen + 2) >> 8);
	out[n++] = (char)((clen + 2) & 0xff);
	memcpy(out + n, comment, clen);
	n += clen;
	memcpy(out + n, tail, sizeof tail);
	return n + sizeof tail;
}

static const char *media_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (dot && !strcmp(dot, ".jpg"))
		return "image/jpeg";
	if (dot && !strcmp(dot, ".txt"))
		return "text/plain";
	return "application/pdf";
}

/* Attachments, the decision once there is one, sometimes a protocol. */
void seed_case_documents(struct kase *c)
{
	bool decision = c->decided && c->svc != SV_FEL && pm(900);
	if (!pm(600))
		return;
	const struct seed_list *al = &seed_attachments[c->svc];
	int n = (int)rrange(1, decision ? 2 : 3), first = rint_n(al->n);
	for (int i = 0; i < n && i < al->n; i++) {
		struct doc *d = &c->docs[c->nd++];
		d->name = al->v[(first + i) % al->n];
		d->kind = "attachment";
		/* the first came with the application, the rest as
		 * completions */
		d->at = i == 0 ? c->created + rrange(0, 300)
			       : between(c->created + 300, c->end);
	}
	if (decision) {
		struct doc *d = &c->docs[c->nd++];
		d->name = "Beslut.pdf";
		d->kind = "decision";
		d->at = c->decided;
	}
	if (c->k && c->target != ST_REG &&
	    (c->svc == SV_BYGG || c->svc == SV_STRAND || c->svc == SV_SERV) &&
	    pm(200)) {
		struct doc *d = &c->docs[c->nd++];
		d->name = pm(500) ? "Protokoll.pdf"
				  : "Protokoll från platsbesök.pdf";
		d->kind = "protocol";
		d->at = c->tt[c->k - 1];
	}
}

/* The content names the case, the applicant and what the document is;
 * a decision's outcome is drawn here, as it is written. */
static void insert_doc(int64_t case_id, const struct doc *d,
		       const char *number, const char *title, const char *who)
{
	char heading[96], l[4][200], date[16], out[2048];
	const char *lines[4] = {l[0], l[1], l[2], l[3]};
	size_t len;
	const char *mt = media_type(d->name);

	snprintf(heading, sizeof heading, "%s", d->name);
	char *dot = strrchr(heading, '.');
	if (dot)
		*dot = 0;
	sb_fmt_date(d->at, date);
	snprintf(l[0], sizeof l[0], "%s, %s", number, date);
	snprintf(l[1], sizeof l[1], "%s", title);
	snprintf(l[2], sizeof l[2], "Sökande: %s", who);
	snprintf(l[3], sizeof l[3], "%s",
		 !strcmp(d->kind, "decision")
			 ? (pm(850) ? "Beslut: ansökan beviljas."
				    : "Beslut: ansökan avslås.")
		 : !strcmp(d->kind, "protocol")
			 ? "Protokollet justerat."
			 : "Bilaga till ansökan.");

	if (!strcmp(mt, "application/pdf")) {
		len = make_pdf(out, sizeof out, heading, lines, 4);
	} else if (!strcmp(mt, "image/jpeg")) {
		char c[512];
		snprintf(c, sizeof c, "%s, %s", heading, l[0]);
		len = make_jpeg(out, sizeof out, c);
	} else {
		len = (size_t)snprintf(out, sizeof out, "%s\n\n%s\n%s\n%s\n\n%s\n",
				       heading, l[0], l[1], l[2], l[3]);
		if (len >= sizeof out)
			len = sizeof out - 1;
	}
	sqlite3_stmt *st = sb_sql(
		"INSERT INTO documents(id, case_id, name, media_type, kind,"
		" created_at, content) VALUES (?, ?, ?, ?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, ++seed.doc_id);
	sqlite3_bind_int64(st, 2, case_id);
	bind_text(st, 3, d->name);
	bind_text(st, 4, mt);
	bind_text(st, 5, d->kind);
	sqlite3_bind_int64(st, 6, d->at);
	sqlite3_bind_blob(st, 7, out, (int)len, SQLITE_STATIC);
	step(st);
}

void seed_document_rows(const struct kase *c)
{
	for (int i = 0; i < c->nd; i++)
		insert_doc(c->id, &c->docs[i], c->number, c->title,
			   c->parties[0].name);
}
