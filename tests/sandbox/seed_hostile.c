/*
 * seed_hostile.c — --hostile: the seeded data rewritten so that every text
 * a client displays holds a hostile string: terminal escape sequences,
 * C1 controls, bidi and zero-width characters, overstrikes, piles of
 * combining marks, huge lines and messages, and the public corpus of
 * naughty strings (blns.json, read from the file the option names).
 *
 * The strings are the list below followed by the corpus, H[0 .. n-1].
 * Each text column of each row gets H[(row + column offset) % n], so any
 * few screens meet many different strings. One case, the newest building
 * permit (the "hostile case"), holds every string at once: a journal
 * note, a message and a document per string, its status a custom one with
 * a hostile name, a legal hold with a hostile reason, and a second thread
 * with a 1 MiB line and a 100,000-line message.
 *
 * JSON carries only valid UTF-8 (RFC 8259 §8.1), and the sandbox's
 * encoder refuses anything else, so raw C1 bytes (0x9B, 0x9D) and other
 * invalid UTF-8 cannot travel in a JSON string: they are sent as the
 * encoded code points (U+009B …) and, raw, inside a document's content,
 * which is bytes. A lone surrogate escape ("\udc00") is refused by the
 * JSON parser of the client as well, so a platform sending one sends a
 * malformed document; the fault matrix covers that.
 */
#include "seed.h"

#include <stdlib.h>
#include <string.h>

/* The hand-made list: each attacks one thing a terminal does. */
static const char *const own[] = {
	"\033[2J\033[H screen cleared",
	"\033[10;10Hmoved\033[1A\033[5C\033[K up and right",
	"\033[31;1;5mred bold blink\033[0m \033[7mreverse",
	"\033[1;3r scroll region \033[r\033[3S",
	"\033]0;pwned title BEL\007 title 0",
	"\033]2;pwned title ST\033\\ title 2",
	"\033]0;pwned title 8-bit ST\xc2\x9c title",
	"\033]52;c;cHduZWQ=\007 clipboard BEL",
	"\033]52;c;cHduZWQ=\033\\ clipboard ST",
	"\033]8;;https://evil.example/\033\\click here\033]8;;\033\\",
	"\033]8;id=x;file:///etc/passwd\007link BEL\033]8;;\007",
	"\033P+q544e\033\\ DCS request",
	"\033Pq#0;2;0;0;0#1!14@\033\\ sixel",
	"\033_Gf=100;AAAA\033\\ APC graphics",
	"\033^privacy message\033\\ PM",
	"\033Xstart of string\033\\ SOS",
	"\xc2\x9b" "2J encoded CSI U+009B",
	"\xc2\x9d" "0;encoded OSC title\xc2\x9c U+009D",
	"\xc2\x90q encoded DCS\xc2\x9c U+0090",
	"\xc2\x85 NEL \xc2\x8d RI \xc2\x84 IND",
	"visible text\roverwritten",
	"\r\033[K only this stays",
	"safe\b\b\b\bBAD!",
	"a\bb\bc\b_ overstrike",
	"\033[6n\033[21t\033]10;?\007 reports",
	"\033c full reset",
	"\033(0lqqqk\033(B line drawing",
	"\033#8 DECALN",
	"\016shifted out\017",
	"\033[?1049h alt screen \033[?25l hidden \033[?1000h mouse",
	"\033[?2004h\033[200~bracketed\033[201~",
	"\a\a\a bell",
	"del\x7f\x7f\x7f",
	"\033 \033\033[ \033] unterminated",
	"\033[999999999999999999999999999m huge parameter",
	"abc\xe2\x80\xae" "fedcba U+202E",
	"\xe2\x80\xad" "LRO \xe2\x80\xaa" "LRE \xe2\x80\xab" "RLE \xe2\x80\xac" "PDF",
	"\xe2\x81\xa6" "LRI \xe2\x81\xa7" "RLI \xe2\x81\xa8" "FSI \xe2\x81\xa9" "PDI",
	"\xe2\x80\x8e" "LRM \xe2\x80\x8f" "RLM \xd8\x9c" "ALM",
	"invoice\xe2\x80\xae" "fdp.exe",
	"zero\xe2\x80\x8bwidth\xe2\x80\x8c" "non\xe2\x80\x8djoiner\xe2\x81\xa0" "word\xef\xbb\xbf" "bom",
	"\xf3\xa0\x81\x81\xf3\xa0\x81\x82 tag characters",
	"line\xe2\x80\xa8separator\xe2\x80\xa9paragraph",
	"\ttabs\tin\tthe\ttext\t",
	"first line\nsecond line\n\n\nfifth line",
	"non\xef\xbf\xbe" "characters\xef\xbf\xbf\xef\xb7\x90",
	"\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97 wide \xef\xbc\xa1\xef\xbc\xa2",
	"\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 family \xf0\x9f\x87\xb8\xf0\x9f\x87\xaa flag",
	"e\xcc\x81\xcc\x82\xcc\x83\xcc\x84\xcc\x85\xcc\x86\xcc\x87\xcc\x88 stacked",
	"\xe2\x80\x8b",
	"",
	" ",
};
#define NOWN (sizeof own / sizeof *own)

/* Built at run time. */
#define MARKS 5000                 /* combining marks on one letter */
#define LONG_WORD 5000             /* characters without a space */
#define BIG_LINE (1024 * 1024)     /* bytes in one line */
#define MANY_LINES 100000          /* lines in one message */

struct hostile {
	char **s;
	size_t n, cap;
	size_t nblns;
};

static void add(struct hostile *h, const char *s, size_t len)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 1024;
		h->s = realloc(h->s, h->cap * sizeof *h->s);
		if (!h->s)
			abort();
	}
	char *c = malloc(len + 1);
	if (!c)
		abort();
	memcpy(c, s, len);
	c[len] = '\0';
	h->s[h->n++] = c;
}

static char *zalgo(void)
{
	char *z = malloc(2 + 2 * MARKS + 16);
	if (!z)
		abort();
	size_t n = 0;
	z[n++] = 'Z';
	for (int i = 0; i < MARKS; i++) {     /* U+0300 … U+036F in turn */
		unsigned cp = 0x300 + (unsigned)(i % 0x70);
		z[n++] = (char)(0xc0 | cp >> 6);
		z[n++] = (char)(0x80 | (cp & 0x3f));
	}
	memcpy(z + n, "algo", 5);
	return z;
}

static char *long_word(void)
{
	char *w = malloc(LONG_WORD + 1);
	if (!w)
		abort();
	for (int i = 0; i < LONG_WORD; i++)
		w[i] = (char)('a' + i % 26);
	w[LONG_WORD] = '\0';
	return w;
}

static bool load(struct hostile *h, const char *path)
{
	json_error_t err;
	json_t *a = json_load_file(path, JSON_ALLOW_NUL, &err);
	if (!json_is_array(a)) {
		fprintf(stderr, "akt-sandbox: %s: not the naughty strings "
			"corpus (a JSON array of strings): %s\n", path,
			a ? "not an array" : err.text);
		json_decref(a);
		return false;
	}
	for (size_t i = 0; i < NOWN; i++)
		add(h, own[i], strlen(own[i]));
	char *z = zalgo(), *w = long_word();
	add(h, z, strlen(z));
	add(h, w, strlen(w));
	free(z);
	free(w);
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v) {
		/* a string with a NUL ends there: text columns hold none */
		const char *s = json_string_value(v);
		if (!s)
			continue;
		add(h, s, strlen(s));
		h->nblns++;
	}
	json_decref(a);
	return true;
}

static const char *H(const struct hostile *h, size_t i)
{
	return h->s[i % h->n];
}

/* The next string of at most max bytes from i on (for columns that
 * clients keep in small buffers or that must stay unique). */
static const char *H_short(const struct hostile *h, size_t i, size_t max)
{
	for (size_t k = 0; k < h->n; k++)
		if (strlen(H(h, i + k)) <= max && *H(h, i + k))
			return H(h, i + k);
	return "?";
}

static sqlite3_stmt *prep(const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(sb_db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "seed: %s: %s\n", sql, sqlite3_errmsg(sb_db));
		seed.ok = false;
	}
	return st;
}

/* UPDATE table SET col = H(...) for every row, by rowid. */
static void rewrite(const struct hostile *h, const char *table,
		    const char *col, size_t offset, size_t max)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT rowid FROM %s ORDER BY rowid", table);
	sqlite3_stmt *sel = prep(sql);
	snprintf(sql, sizeof sql, "UPDATE %s SET %s = ? WHERE rowid = ?",
		 table, col);
	sqlite3_stmt *up = prep(sql);
	if (!sel || !up)
		goto out;
	for (size_t row = 0; sqlite3_step(sel) == SQLITE_ROW; row++) {
		const char *s = max ? H_short(h, row + offset, max)
				    : H(h, row + offset);
		bind_text(up, 1, s);
		sqlite3_bind_int64(up, 2, sqlite3_column_int64(sel, 0));
		step(up);
	}
out:
	sqlite3_finalize(sel);
	sqlite3_finalize(up);
}

/* A member of an event's JSON data, where the event has it. */
static void rewrite_event(const struct hostile *h, const char *member,
			  size_t offset)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT seq FROM events WHERE "
		 "json_type(data, '%s') = 'text' ORDER BY seq", member);
	sqlite3_stmt *sel = prep(sql);
	snprintf(sql, sizeof sql, "UPDATE events SET data = "
		 "json_set(data, '%s', ?) WHERE seq = ?", member);
	sqlite3_stmt *up = prep(sql);
	if (!sel || !up)
		goto out;
	for (size_t row = 0; sqlite3_step(sel) == SQLITE_ROW; row++) {
		bind_text(up, 1, H(h, row + offset));
		sqlite3_bind_int64(up, 2, sqlite3_column_int64(sel, 0));
		step(up);
	}
out:
	sqlite3_finalize(sel);
	sqlite3_finalize(up);
}

static int64_t one_int(const char *sql)
{
	sqlite3_stmt *st = prep(sql);
	int64_t v = st && sqlite3_step(st) == SQLITE_ROW
		? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return v;
}

/* The directory: units, officers, queues, e-services, custom statuses. */
static void directory(const struct hostile *h)
{
	rewrite(h, "units", "name", 3, 100);
	rewrite(h, "officers", "name", 0, 100);
	rewrite(h, "queues", "name", 11, 100);
	rewrite(h, "e_services", "name_sv", 17, 100);
	rewrite(h, "e_services", "name_en", 17, 100);
	sqlite3_stmt *sel = prep("SELECT id FROM statuses WHERE standard = 0 "
				 "ORDER BY ordinal");
	sqlite3_stmt *up = prep("UPDATE statuses SET name_sv = ?, name_en = ? "
				"WHERE id = ?");
	for (size_t row = 0; sel && up && sqlite3_step(sel) == SQLITE_ROW;
	     row++) {
		const char *s = H_short(h, row + 5, 100);
		bind_text(up, 1, s);
		bind_text(up, 2, s);
		sqlite3_bind_text(up, 3, (const char *)sqlite3_column_text(sel, 0),
				  -1, SQLITE_TRANSIENT);
		step(up);
	}
	sqlite3_finalize(sel);
	sqlite3_finalize(up);
}

/* Every case and what hangs off it. */
static void cases(const struct hostile *h)
{
	rewrite(h, "cases", "title", 0, 0);
	rewrite(h, "cases", "changed_by", 29, 100);
	rewrite(h, "cases", "hold_reason", 31, 0);
	sb_exec("UPDATE cases SET hold_reason = NULL WHERE hold_active = 0");
	rewrite(h, "parties", "name", 7, 90);
	rewrite(h, "documents", "name", 13, 200);
	rewrite(h, "notes", "body", 19, 0);
	rewrite(h, "threads", "subject", 23, 0);
	rewrite(h, "messages", "body", 37, 0);
	rewrite(h, "messages", "author_name", 41, 100);
	rewrite(h, "events", "actor_name", 43, 100);
	rewrite_event(h, "$.reason", 47);
	rewrite_event(h, "$.comment", 53);
	rewrite_event(h, "$.officer.name", 59);
	rewrite_event(h, "$.from.name.sv", 61);
	rewrite_event(h, "$.from.name.en", 61);
	rewrite_event(h, "$.to.name.sv", 67);
	rewrite_event(h, "$.to.name.en", 67);
	rewrite_event(h, "$.case_number", 71);
	rewrite(h, "purge_log", "case_number", 73, 39);

	/* Case numbers: some in the units of officer 1 (anna), where a
	 * refusal about the case names it in its detail, and some in
	 * other units, which she may not see. */
	static const char *const numbers[] = {
		"\033]0;pwned by number\007",
		"\033[2J\033[H",
		"\xc2\x9b" "2J-2024-000001",
		"\033]52;c;cHduZWQ=\007",
		"\033]8;;https://evil.example/\033\\X",
		"\xe2\x80\xae" "100000-4202-GGYB",
		"NUM\rBAD\b\b\b",
		"\033P+q544e\033\\",
	};
	static const char *const where[] = { "NOT IN", "IN" };
	for (int w = 0; w < 2; w++) {
		char sql[400];
		snprintf(sql, sizeof sql, "SELECT c.id FROM cases c JOIN "
			 "queues q ON q.id = c.queue_id WHERE q.unit_id %s "
			 "(SELECT unit_id FROM officer_units WHERE "
			 "officer_id = 1) ORDER BY c.id LIMIT 8", where[w]);
		sqlite3_stmt *sel = prep(sql);
		sqlite3_stmt *up = prep("UPDATE cases SET number = ? "
					"WHERE id = ?");
		for (size_t i = 0; sel && up && sqlite3_step(sel) == SQLITE_ROW;
		     i++) {
			char num[40];
			snprintf(num, sizeof num, "%s %s", numbers[i % 8],
				 w ? "A" : "F");
			bind_text(up, 1, num);
			sqlite3_bind_int64(up, 2, sqlite3_column_int64(sel, 0));
			step(up);
		}
		sqlite3_finalize(sel);
		sqlite3_finalize(up);
	}
}

static void insert_message(int64_t kase, int64_t thread, const char *author,
			   const char *body, int64_t at)
{
	sqlite3_stmt *st = sb_sql("INSERT INTO messages (thread_id, case_id, "
				  "author_kind, author_name, body, sent_at, "
				  "officer_read_at, officer_read_by, "
				  "citizen_read_at) VALUES (?, ?, 'citizen', ?, "
				  "?, ?, ?, 1, ?)");
	sqlite3_bind_int64(st, 1, thread);
	sqlite3_bind_int64(st, 2, kase);
	bind_text(st, 3, author);
	bind_text(st, 4, body);
	sqlite3_bind_int64(st, 5, at);
	sqlite3_bind_int64(st, 6, at);
	sqlite3_bind_int64(st, 7, at);
	step(st);
}

static int64_t insert_thread(int64_t kase, const char *subject, int64_t at)
{
	sqlite3_stmt *st = sb_sql("INSERT INTO threads (case_id, subject, "
				  "created_at, last_message_at) "
				  "VALUES (?, ?, ?, ?)");
	sqlite3_bind_int64(st, 1, kase);
	bind_text(st, 2, subject);
	sqlite3_bind_int64(st, 3, at);
	sqlite3_bind_int64(st, 4, at);
	step(st);
	return sqlite3_last_insert_rowid(sb_db);
}

/* Raw bytes a JSON string cannot hold, in a document's content. */
static const char raw_content[] =
	"raw C1 CSI \x9b" "2J and OSC \x9d" "0;raw title\x9c\n"
	"ESC \033]0;doc title\007 \033]52;c;cHduZWQ=\007 \033[2J\n"
	"invalid UTF-8 \xff\xfe\xc0\xaf \xed\xa0\x80 surrogate\n";

/* The hostile case: every string at once, and the huge ones. */
static void hostile_case(const struct hostile *h)
{
	int64_t id = one_int("SELECT max(id) FROM cases WHERE "
			     "e_service = 'bygglov'");
	if (!id)
		return;
	int64_t t0 = seed.now - 3 * DAY;
	sqlite3_stmt *st = sb_sql("UPDATE cases SET title = ?, status = "
				  "'awaiting_completion', category = "
				  "'in_progress', status_ord = (SELECT ordinal "
				  "FROM statuses WHERE id = "
				  "'awaiting_completion'), hold_active = 1, "
				  "hold_reason = ?, hold_by = 3, hold_at = ?, "
				  "updated_at = ?, purge_at = NULL, "
				  "closed_at = NULL WHERE id = ?");
	bind_text(st, 1, "HOSTILE \033]0;pwned\007\033[2J\xe2\x80\xae"
		  "esac elitsoh");
	bind_text(st, 2, "\033]52;c;cHduZWQ=\007\xe2\x80\xae" "dloh lagel");
	sqlite3_bind_int64(st, 3, t0);
	sqlite3_bind_int64(st, 4, seed.now - 60);
	sqlite3_bind_int64(st, 5, id);
	step(st);

	for (size_t i = 0; i < h->n; i++) {
		st = sb_sql("INSERT INTO notes (case_id, author_id, body, "
			    "created_at, published_at) VALUES (?, ?, ?, ?, ?)");
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, 1 + (int64_t)(i % NOFF));
		bind_text(st, 3, H(h, i));
		sqlite3_bind_int64(st, 4, t0 + (int64_t)i);
		bind_opt(st, 5, i % 3 == 0 ? t0 + (int64_t)i + 60 : 0);
		step(st);

		st = sb_sql("INSERT INTO documents (case_id, name, media_type, "
			    "kind, created_at, content) VALUES (?, ?, "
			    "'text/plain', 'attachment', ?, ?)");
		sqlite3_bind_int64(st, 1, id);
		bind_text(st, 2, H_short(h, i, 200));
		sqlite3_bind_int64(st, 3, t0 + (int64_t)i);
		sqlite3_bind_blob(st, 4, raw_content, sizeof raw_content - 1,
				  SQLITE_STATIC);
		step(st);
	}

	/* one thread with a message per string */
	int64_t th = insert_thread(id, "\033]0;pwned thread\007 every string",
				   t0);
	for (size_t i = 0; i < h->n; i++)
		insert_message(id, th, H_short(h, i + 1, 100), H(h, i),
			       t0 + (int64_t)i);

	/* the big ones, newest, so they are on top */
	int64_t big = insert_thread(id, "BIG \xe2\x80\xae" "segassem", t0 + DAY);
	char *line = malloc(BIG_LINE + 64);
	if (!line)
		abort();
	for (size_t i = 0; i < BIG_LINE; i++)
		line[i] = i % 64 == 63 ? '\033' : (char)('A' + i % 26);
	memcpy(line, "START-OF-BIG-LINE ", 18);
	memcpy(line + BIG_LINE - 16, " END-OF-BIG-LINE", 17);
	insert_message(id, big, "\033]0;big\007", line, t0 + DAY);
	free(line);

	size_t cap = (size_t)MANY_LINES * 16 + 64, len = 0;
	char *many = malloc(cap);
	if (!many)
		abort();
	for (int i = 1; i <= MANY_LINES; i++)
		len += (size_t)snprintf(many + len, cap - len,
					i % 1000 ? "line %d\n" :
					"line %d \033[2J\033]0;t\007\n", i);
	snprintf(many + len, cap - len, "END-OF-MANY-LINES");
	insert_message(id, big, "\xe2\x80\xae" "ynam", many, t0 + DAY + 60);
	free(many);
	st = sb_sql("UPDATE threads SET last_message_at = ? WHERE id = ?");
	sqlite3_bind_int64(st, 1, t0 + DAY + 60);
	sqlite3_bind_int64(st, 2, big);
	step(st);
}

int sb_seed_hostile(const char *corpus)
{
	struct hostile h = {0};
	if (!load(&h, corpus))
		return -1;
	memset(&seed, 0, sizeof seed);
	seed.ok = true;
	seed.now = sb_now();
	directory(&h);
	cases(&h);
	hostile_case(&h);
	bool ok = seed.ok;
	if (ok && !sb_cfg.quiet)
		fprintf(stderr, "akt-sandbox: hostile text: %zu strings "
			"(%zu of the corpus)\n", h.n, h.nblns);
	for (size_t i = 0; i < h.n; i++)
		free(h.s[i]);
	free(h.s);
	memset(&seed, 0, sizeof seed);
	return ok ? 0 : -1;
}
