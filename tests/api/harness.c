/*
 * harness.c — sandbox process control, blocking HTTP, JSON and assertion
 * helpers for the API contract tests (see harness.h).
 */
#include "harness.h"

#include <ctype.h>
#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <ftw.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct keep {
	struct keep *next;
	char *s;
	json_t *json;            /* or a JSON value to release */
	bool tree;               /* s names a directory tree to remove */
};

struct sb {
	pid_t pid;
	int port;
	char base[64];
	char dir[512];
	char port_file[600];
	pthread_mutex_t mu;      /* guards the two lists (threads share sb) */
	struct http_resp *resps; /* live responses */
	struct keep *strs;       /* strings handed out */
	const char *db_args;     /* group_start_db's arguments (in strs) */
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void curl_init_once(void)
{
	curl_global_init(CURL_GLOBAL_ALL);
}

/* ------------------------------------------------------------ time */

double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void sleep_s(double s)
{
	struct timespec ts;
	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* ------------------------------------------------------------ process */

static int read_port(const char *file)
{
	FILE *f = fopen(file, "r");
	int port = 0;
	if (!f)
		return 0;
	if (fscanf(f, "%d", &port) != 1)
		port = 0;
	fclose(f);
	return port > 0 && port < 65536 ? port : 0;
}

static int rm_entry(const char *path, const struct stat *st, int type,
		    struct FTW *ftw)
{
	return type == FTW_DP ? rmdir(path) : unlink(path);
}

/* A directory tree a test made (a private home), depth first. */
static void rm_tree(const char *dir)
{
	if (nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
		fprintf(stderr, "harness: could not remove %s\n", dir);
}

/* The directory holds the port file and whatever else the sandbox put
 * beside it; it has no subdirectories. */
static void rm_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		char p[1024];
		while ((e = readdir(d)) != NULL) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
			unlink(p);
		}
		closedir(d);
	}
	if (rmdir(dir) != 0)
		fprintf(stderr, "harness: could not remove %s: %s\n", dir,
			strerror(errno));
}

struct sb *sb_start(const char *extra_args)
{
	return sb_start_wait(extra_args, 10.0);
}

/* Run the sandbox process of sb listening on listen, and wait for its
 * port file. False when it did not start (sb->pid is then what is left
 * to stop, or 0). */
static bool spawn(struct sb *sb, const char *listen, const char *extra_args,
		  double start_s)
{
	const char *build = getenv("AKT_BUILD");
	if (!build || !*build)
		build = "build";
	char exe[512];
	snprintf(exe, sizeof exe, "%s/akt-sandbox", build);

	/* argv: fixed part, then the extra words */
	char *extra = strdup(extra_args ? extra_args : "");
	char *argv[64];
	int argc = 0;
	bool has_cases = false;
	argv[argc++] = exe;
	argv[argc++] = "--listen";
	argv[argc++] = (char *)listen;
	argv[argc++] = "--port-file";
	argv[argc++] = sb->port_file;
	argv[argc++] = "--quiet";
	char *words[48];
	int nwords = 0;
	for (char *save = NULL, *w = strtok_r(extra, " ", &save);
	     w && nwords < 48; w = strtok_r(NULL, " ", &save)) {
		words[nwords++] = w;
		if (strcmp(w, "--cases") == 0)
			has_cases = true;
	}
	if (!has_cases) {
		argv[argc++] = "--cases";
		argv[argc++] = "60";
	}
	for (int i = 0; i < nwords && argc < 63; i++)
		argv[argc++] = words[i];
	argv[argc] = NULL;

	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		free(extra);
		return false;
	}
	if (pid == 0) {
		/* never outlive the test process, even if it crashes */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != parent)
			_exit(127);
		execv(exe, argv);
		fprintf(stderr, "harness: exec %s: %s\n", exe, strerror(errno));
		_exit(127);
	}
	free(extra);
	sb->pid = pid;

	double end = now_s() + start_s;
	int port = 0;
	while (now_s() < end) {
		int st;
		if (waitpid(pid, &st, WNOHANG) == pid) {
			fprintf(stderr, "harness: sandbox exited during start-up "
				"(status 0x%x)\n", st);
			sb->pid = 0;
			return false;
		}
		port = read_port(sb->port_file);
		if (port)
			break;
		sleep_s(0.02);
	}
	if (!port) {
		fprintf(stderr, "harness: sandbox gave no port within %.0f s\n",
			start_s);
		return false;
	}
	sb->port = port;
	snprintf(sb->base, sizeof sb->base, "http://127.0.0.1:%d", sb->port);
	return true;
}

struct sb *sb_start_wait(const char *extra_args, double start_s)
{
	pthread_once(&curl_once, curl_init_once);

	struct sb *sb = calloc(1, sizeof *sb);
	if (!sb)
		return NULL;
	pthread_mutex_init(&sb->mu, NULL);

	const char *tmp = getenv("TMPDIR");
	if (!tmp || !*tmp)
		tmp = "/tmp";
	snprintf(sb->dir, sizeof sb->dir, "%s/akt-api-XXXXXX", tmp);
	if (!mkdtemp(sb->dir)) {
		fprintf(stderr, "harness: mkdtemp %s: %s\n", sb->dir, strerror(errno));
		free(sb);
		return NULL;
	}
	snprintf(sb->port_file, sizeof sb->port_file, "%s/port", sb->dir);
	if (!spawn(sb, "127.0.0.1:0", extra_args, start_s)) {
		sb_stop(sb);
		return NULL;
	}
	return sb;
}

void sb_halt(struct sb *sb)
{
	int st;

	if (sb->pid <= 0)
		return;
	kill(sb->pid, SIGTERM);
	double end = now_s() + 5.0;
	while (waitpid(sb->pid, &st, WNOHANG) == 0) {
		if (now_s() > end) {
			kill(sb->pid, SIGKILL);
			waitpid(sb->pid, &st, 0);
			break;
		}
		sleep_s(0.01);
	}
	sb->pid = 0;
	unlink(sb->port_file);
}

bool sb_restart(struct sb *sb, const char *extra_args)
{
	char listen[32];

	sb_halt(sb);
	snprintf(listen, sizeof listen, "127.0.0.1:%d", sb->port);
	if (spawn(sb, listen, extra_args, 10.0))
		return true;
	sb_halt(sb);
	return false;
}

static void free_resp_data(struct http_resp *r)
{
	free(r->body);
	if (r->json)
		json_decref(r->json);
	for (size_t i = 0; i < r->nhdrs; i++) {
		free(r->hdrs[i].name);
		free(r->hdrs[i].value);
	}
	free(r->hdrs);
	free(r);
}

int sb_stop(struct sb *sb)
{
	int rc = 0;
	if (!sb)
		return -1;
	if (sb->pid > 0) {
		int st = 0;
		pid_t w = waitpid(sb->pid, &st, WNOHANG);
		if (w == sb->pid) {
			fprintf(stderr, "harness: sandbox died before the end of "
				"the group (%s %d)\n",
				WIFSIGNALED(st) ? "signal" : "exit",
				WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
			rc = -1;
		} else {
			kill(sb->pid, SIGTERM);
			double end = now_s() + 5.0;
			while ((w = waitpid(sb->pid, &st, WNOHANG)) == 0 &&
			       now_s() < end)
				sleep_s(0.01);
			if (w == 0) {
				fprintf(stderr, "harness: sandbox ignored SIGTERM "
					"for 5 s; killing it\n");
				kill(sb->pid, SIGKILL);
				waitpid(sb->pid, &st, 0);
				rc = -1;
			} else if (WIFSIGNALED(st) && WTERMSIG(st) != SIGTERM) {
				fprintf(stderr, "harness: sandbox stopped by "
					"signal %d\n", WTERMSIG(st));
				rc = -1;
			} else if (WIFEXITED(st) && WEXITSTATUS(st) != 0) {
				fprintf(stderr, "harness: sandbox exited with %d "
					"on SIGTERM\n", WEXITSTATUS(st));
				rc = -1;
			}
		}
	} else {
		rc = -1;
	}
	if (sb->dir[0])
		rm_dir(sb->dir);
	while (sb->resps) {
		struct http_resp *r = sb->resps;
		sb->resps = r->next_;
		free_resp_data(r);
	}
	while (sb->strs) {
		struct keep *k = sb->strs;
		sb->strs = k->next;
		if (k->tree)
			rm_tree(k->s);
		json_decref(k->json);
		free(k->s);
		free(k);
	}
	pthread_mutex_destroy(&sb->mu);
	free(sb);
	return rc;
}

const char *sb_base(const struct sb *sb)
{
	return sb->base;
}

int sb_port(const struct sb *sb)
{
	return sb->port;
}

int group_start(void **state, const char *extra_args)
{
	struct sb *sb = sb_start(extra_args);
	*state = sb;
	return sb ? 0 : -1;
}

int group_start_db(void **state, const char *extra_args)
{
	const char *tmp = getenv("TMPDIR");
	char dir[512], *args = NULL;
	struct sb *sb;

	*state = NULL;
	snprintf(dir, sizeof dir, "%s/akt-db-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return -1;
	if (asprintf(&args, "%s --db %s/sandbox.db",
		     extra_args ? extra_args : "", dir) < 0) {
		rmdir(dir);
		return -1;
	}
	if (!(sb = sb_start(args))) {
		free(args);
		rmdir(dir);
		return -1;
	}
	sb_remove_at_stop(sb, dir);
	sb->db_args = sb_keep(sb, args);
	*state = sb;
	return 0;
}

const char *sb_db_args(const struct sb *sb)
{
	return sb->db_args ? sb->db_args : "";
}

int group_stop(void **state)
{
	int rc = sb_stop(*state);
	*state = NULL;
	return rc;
}

/* ------------------------------------------------------------ strings */

static void keep_item(struct sb *sb, char *s, json_t *json, bool tree);

const char *sb_keep(struct sb *sb, char *s)
{
	if (!s) {
		fail_msg("out of memory");
		return "";
	}
	keep_item(sb, s, NULL, false);
	return s;
}

static void keep_item(struct sb *sb, char *s, json_t *json, bool tree)
{
	struct keep *k = calloc(1, sizeof *k);
	if (!k)
		fail_msg("out of memory");
	k->s = s;
	k->json = json;
	k->tree = tree;
	pthread_mutex_lock(&sb->mu);
	k->next = sb->strs;
	sb->strs = k;
	pthread_mutex_unlock(&sb->mu);
}

void sb_keep_json(struct sb *sb, json_t *json)
{
	keep_item(sb, NULL, json, false);
}

void sb_remove_at_stop(struct sb *sb, const char *dir)
{
	keep_item(sb, strdup(dir), NULL, true);
}

const char *sb_fmt(struct sb *sb, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	return sb_keep(sb, s);
}

const char *url_enc(struct sb *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s);
	char *o = malloc(n * 3 + 1), *p = o;
	if (!o)
		return sb_keep(sb, NULL);
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if (isalnum(*c) || strchr("-._~", *c)) {
			*p++ = (char)*c;
		} else {
			*p++ = '%';
			*p++ = hex[*c >> 4];
			*p++ = hex[*c & 15];
		}
	}
	*p = 0;
	return sb_keep(sb, o);
}

/* ------------------------------------------------------------ HTTP */

struct buf {
	char *p;
	size_t len, cap;
};

static size_t on_body(char *data, size_t sz, size_t n, void *ud)
{
	struct buf *b = ud;
	size_t add = sz * n;
	if (b->len + add + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->len + add + 1)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p)
			return 0;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, data, add);
	b->len += add;
	b->p[b->len] = 0;
	return add;
}

static size_t on_header(char *data, size_t sz, size_t n, void *ud)
{
	struct http_resp *r = ud;
	size_t len = sz * n;
	/* a new status line (after 100 Continue) starts a fresh set */
	if (len >= 5 && memcmp(data, "HTTP/", 5) == 0) {
		for (size_t i = 0; i < r->nhdrs; i++) {
			free(r->hdrs[i].name);
			free(r->hdrs[i].value);
		}
		r->nhdrs = 0;
		return len;
	}
	const char *colon = memchr(data, ':', len);
	if (!colon)
		return len;
	size_t nl = (size_t)(colon - data);
	const char *v = colon + 1, *end = data + len;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' ||
			   end[-1] == ' ' || end[-1] == '\t'))
		end--;
	struct http_hdr *h = realloc(r->hdrs, (r->nhdrs + 1) * sizeof *h);
	if (!h)
		return 0;
	r->hdrs = h;
	h[r->nhdrs].name = strndup(data, nl);
	h[r->nhdrs].value = strndup(v, (size_t)(end - v));
	r->nhdrs++;
	return len;
}

const char *resp_header(const struct http_resp *r, const char *name)
{
	if (!r)
		return NULL;
	for (size_t i = 0; i < r->nhdrs; i++)
		if (strcasecmp(r->hdrs[i].name, name) == 0)
			return r->hdrs[i].value;
	return NULL;
}

static void copy_hdr(const struct http_resp *r, const char *name,
		     char *dst, size_t cap)
{
	const char *v = resp_header(r, name);
	snprintf(dst, cap, "%s", v ? v : "");
}

struct http_resp *http_req_ex(struct sb *sb, const char *method,
			      const char *path, const char *token,
			      const char *body, size_t body_len,
			      const char *const extra_headers[], long timeout_s)
{
	struct http_resp *r = calloc(1, sizeof *r);
	if (!r) {
		fail_msg("out of memory");
		return NULL;
	}
	snprintf(r->method, sizeof r->method, "%s", method);
	snprintf(r->path, sizeof r->path, "%s", path);
	r->sb_ = sb;
	pthread_mutex_lock(&sb->mu);
	r->next_ = sb->resps;
	if (sb->resps)
		sb->resps->prev_ = r;
	sb->resps = r;
	pthread_mutex_unlock(&sb->mu);

	CURL *c = curl_easy_init();
	if (!c) {
		fail_msg("curl_easy_init failed");
		return r;
	}
	struct curl_slist *hl = NULL;
	struct buf b = {0};
	char url[1200], line[2048];
	bool have_ctype = false;

	snprintf(url, sizeof url, "%s%s", sb->base, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout_s);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
	/* see bytes as sent: no automatic decompression or redirects */
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);

	for (const char *const *h = extra_headers; h && *h; h++) {
		if (strncasecmp(*h, "Content-Type:", 13) == 0)
			have_ctype = true;
		hl = curl_slist_append(hl, *h);
	}
	if (token) {
		snprintf(line, sizeof line, "Authorization: Bearer %s", token);
		hl = curl_slist_append(hl, line);
	}
	if (body && !have_ctype)
		hl = curl_slist_append(hl, "Content-Type: application/json");
	hl = curl_slist_append(hl, "Expect:");

	if (strcmp(method, "GET") == 0) {
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	} else if (strcmp(method, "HEAD") == 0) {
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	} else {
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
		if (body || strcmp(method, "POST") == 0 ||
		    strcmp(method, "PUT") == 0) {
			curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
					 (curl_off_t)(body ? body_len : 0));
			curl_easy_setopt(c, CURLOPT_POSTFIELDS, body ? body : "");
		}
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);

	double t0 = now_s();
	CURLcode cc = curl_easy_perform(c);
	r->seconds = now_s() - t0;
	r->curl_code = (int)cc;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_easy_cleanup(c);
	curl_slist_free_all(hl);

	r->body = b.p ? b.p : calloc(1, 1);
	r->len = b.len;
	if (r->len) {
		json_error_t e;
		r->json = json_loadb(r->body, r->len, 0, &e);
	}
	copy_hdr(r, "ETag", r->etag, sizeof r->etag);
	copy_hdr(r, "Location", r->location, sizeof r->location);
	copy_hdr(r, "Link", r->link, sizeof r->link);
	copy_hdr(r, "Retry-After", r->retry_after, sizeof r->retry_after);
	copy_hdr(r, "Content-Type", r->ctype, sizeof r->ctype);
	return r;
}

struct http_resp *http_req(struct sb *sb, const char *method,
			   const char *path, const char *token,
			   const char *body, const char *const extra_headers[])
{
	return http_req_ex(sb, method, path, token, body,
			   body ? strlen(body) : 0, extra_headers,
			   HTTP_TIMEOUT_S);
}

void http_free(struct http_resp *r)
{
	if (!r)
		return;
	struct sb *sb = r->sb_;
	pthread_mutex_lock(&sb->mu);
	if (r->prev_)
		r->prev_->next_ = r->next_;
	else
		sb->resps = r->next_;
	if (r->next_)
		r->next_->prev_ = r->prev_;
	pthread_mutex_unlock(&sb->mu);
	free_resp_data(r);
}

struct bg {
	pthread_t th;
	struct sb *sb;
	char *method, *path, *token, *body;
	char *hdrs[8];
	long timeout_s;
	struct http_resp *r;
};

static void *bg_run(void *arg)
{
	struct bg *b = arg;
	b->r = http_req_ex(b->sb, b->method, b->path, b->token, b->body,
			   b->body ? strlen(b->body) : 0,
			   (const char *const *)b->hdrs, b->timeout_s);
	return NULL;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

struct bg *bg_req(struct sb *sb, const char *method, const char *path,
		  const char *token, const char *body,
		  const char *const extra_headers[], long timeout_s)
{
	struct bg *b = calloc(1, sizeof *b);
	if (!b) {
		fail_msg("out of memory");
		return NULL;
	}
	b->sb = sb;
	b->method = strdup(method);
	b->path = strdup(path);
	b->token = dup_or_null(token);
	b->body = dup_or_null(body);
	for (int i = 0; extra_headers && extra_headers[i] && i < 7; i++)
		b->hdrs[i] = strdup(extra_headers[i]);
	b->timeout_s = timeout_s;
	if (pthread_create(&b->th, NULL, bg_run, b) != 0) {
		fail_msg("pthread_create failed");
		return NULL;
	}
	return b;
}

struct http_resp *bg_join(struct bg *b)
{
	pthread_join(b->th, NULL);
	struct http_resp *r = b->r;
	free(b->method);
	free(b->path);
	free(b->token);
	free(b->body);
	for (int i = 0; b->hdrs[i]; i++)
		free(b->hdrs[i]);
	free(b);
	return r;
}

struct http_resp *api_get(struct sb *sb, const char *path, const char *token)
{
	return http_req(sb, "GET", path, token, NULL, NULL);
}

struct http_resp *api_get_inm(struct sb *sb, const char *path,
			      const char *token, const char *inm)
{
	char h[300];
	snprintf(h, sizeof h, "If-None-Match: %s", inm);
	const char *hs[] = {h, NULL};
	return http_req(sb, "GET", path, token, NULL, hs);
}

static struct http_resp *write_req(struct sb *sb, const char *method,
				   const char *path, const char *token,
				   const char *body, const char *if_match,
				   const char *idem_key)
{
	char im[300], ik[400];
	const char *hs[3] = {NULL, NULL, NULL};
	int n = 0;
	if (if_match) {
		snprintf(im, sizeof im, "If-Match: %s", if_match);
		hs[n++] = im;
	}
	if (idem_key) {
		snprintf(ik, sizeof ik, "Idempotency-Key: %s", idem_key);
		hs[n++] = ik;
	}
	return http_req(sb, method, path, token, body, hs);
}

struct http_resp *api_post(struct sb *sb, const char *path, const char *token,
			   const char *body, const char *if_match,
			   const char *idem_key)
{
	return write_req(sb, "POST", path, token, body ? body : "{}",
			 if_match, idem_key);
}

struct http_resp *api_put(struct sb *sb, const char *path, const char *token,
			  const char *body, const char *if_match)
{
	return write_req(sb, "PUT", path, token, body, if_match, NULL);
}

struct http_resp *api_delete(struct sb *sb, const char *path,
			     const char *token, const char *if_match)
{
	return write_req(sb, "DELETE", path, token, NULL, if_match, NULL);
}

struct http_resp *form_post(struct sb *sb, const char *path, const char *form)
{
	const char *hs[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL};
	return http_req(sb, "POST", path, NULL, form, hs);
}

struct http_resp *sb_post_json(struct sb *sb, const char *path,
			       const char *json)
{
	return http_req(sb, "POST", path, NULL, json, NULL);
}

struct http_resp *login_full(struct sb *sb, const char *username)
{
	const char *form = sb_fmt(sb, "grant_type=password&username=%s"
				  "&password=demo&client_id=akt", username);
	struct http_resp *r = form_post(sb, "/v1/oauth/token", form);
	expect_status(r, 200);
	expect_true(jstr(r->json, "access_token") != NULL, r);
	return r;
}

const char *login(struct sb *sb, const char *username)
{
	struct http_resp *r = login_full(sb, username);
	return sb_keep(sb, strdup(jstr(r->json, "access_token")));
}

void sb_fault(struct sb *sb, const char *json)
{
	struct http_resp *r = sb_post_json(sb, "/v1/sandbox/faults", json);
	expect_status(r, 201);
}

void sb_faults_clear(struct sb *sb)
{
	struct http_resp *r = http_req(sb, "DELETE", "/v1/sandbox/faults",
				       NULL, NULL, NULL);
	expect_true(r->status == 200 || r->status == 204, r);
}

int64_t sb_fault_fired(struct sb *sb)
{
	struct http_resp *f = http_req(sb, "GET", "/v1/sandbox/faults", NULL,
				       NULL, NULL);

	if (f->status != 200)
		fail_msg("GET /v1/sandbox/faults answered %ld", f->status);
	return jint(f->json, "items[0].fired");
}

void sb_fault_wait_fired(struct sb *sb)
{
	double end = now_s() + 10;

	while (sb_fault_fired(sb) < 1) {
		if (now_s() > end)
			fail_msg("the fault never fired");
		sleep_s(0.02);
	}
}

/* ------------------------------------------------------------ JSON */

json_t *jget(json_t *root, const char *path)
{
	json_t *cur = root;
	const char *p = path;
	char key[128];
	while (cur && *p) {
		if (*p == '.') {
			p++;
			continue;
		}
		if (*p == '[') {
			char *end;
			long i = strtol(p + 1, &end, 10);
			if (*end != ']' || !json_is_array(cur))
				return NULL;
			cur = json_array_get(cur, (size_t)i);
			p = end + 1;
			continue;
		}
		size_t n = strcspn(p, ".[");
		if (n >= sizeof key || !json_is_object(cur))
			return NULL;
		memcpy(key, p, n);
		key[n] = 0;
		cur = json_object_get(cur, key);
		p += n;
	}
	return cur;
}

const char *jstr(json_t *root, const char *path)
{
	json_t *v = jget(root, path);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

int64_t jint(json_t *root, const char *path)
{
	json_t *v = jget(root, path);
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : JINT_NONE;
}

size_t jlen(json_t *root, const char *path)
{
	json_t *v = jget(root, path);
	return json_is_array(v) ? json_array_size(v) : 0;
}

bool jkeys_exactly(json_t *obj, const char *const keys[])
{
	size_t n = 0;
	if (!json_is_object(obj))
		return false;
	for (; keys[n]; n++)
		if (!json_object_get(obj, keys[n]))
			return false;
	return json_object_size(obj) == n;
}

/* ------------------------------------------------------------ misc */

bool rx_match(const char *s, const char *ere)
{
	regex_t re;
	if (!s || regcomp(&re, ere, REG_EXTENDED | REG_NOSUB) != 0)
		return false;
	bool ok = regexec(&re, s, 0, NULL, 0) == 0;
	regfree(&re);
	return ok;
}

int64_t ts_parse(const char *s)
{
	struct tm tm = {0};
	if (!rx_match(s, RE_TS))
		return -1;
	if (sscanf(s, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon,
		   &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (int64_t)timegm(&tm);
}

uint64_t fnv1a64(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* ------------------------------------------------------------ domain */

int64_t case_etag(struct sb *sb, const char *token, int64_t id, char etag[128])
{
	struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/cases/%lld",
						 (long long)id), token);
	expect_status(r, 200);
	if (etag)
		snprintf(etag, 128, "%s", r->etag);
	int64_t v = jint(r->json, "version");
	expect_true(v != JINT_NONE, r);
	return v;
}

int64_t case_find(struct sb *sb, const char *token, const char *query)
{
	struct http_resp *r = api_get(sb, sb_fmt(sb, "/v1/cases?%s", query),
				      token);
	expect_status(r, 200);
	if (jlen(r->json, "items") == 0)
		return 0;
	return jint(r->json, "items[0].id");
}

int64_t citizen_case(struct sb *sb, const char *e_service, const char *applicant,
		     char number[64])
{
	json_t *o = json_pack("{s:s}", "e_service", e_service);
	if (applicant)
		json_object_set_new(o, "applicant", json_string(applicant));
	char *txt = json_dumps(o, 0);
	json_decref(o);
	struct http_resp *r = sb_post_json(sb, "/v1/sandbox/citizen/cases",
					   sb_keep(sb, txt));
	expect_status(r, 201);
	int64_t id = jint(r->json, "id");
	expect_true(id > 0, r);
	if (number) {
		const char *n = jstr(r->json, "number");
		snprintf(number, 64, "%s", n ? n : "");
	}
	return id;
}

struct http_resp *case_transition(struct sb *sb, const char *token, int64_t id,
				  const char *to)
{
	char etag[128];
	case_etag(sb, token, id, etag);
	return api_post(sb, sb_fmt(sb, "/v1/cases/%lld/transitions",
				   (long long)id), token,
			sb_fmt(sb, "{\"to\":\"%s\"}", to), etag, NULL);
}

void case_move(struct sb *sb, const char *token, int64_t id, const char *to)
{
	struct http_resp *r = case_transition(sb, token, id, to);
	expect_status(r, 200);
	expect_true(jstr(r->json, "status.id") &&
		    strcmp(jstr(r->json, "status.id"), to) == 0, r);
}

int64_t queue_of(struct sb *sb, const char *token, const char *e_service)
{
	struct http_resp *r = api_get(sb, "/v1/e-services", token);
	expect_status(r, 200);
	for (size_t i = 0; i < jlen(r->json, "items"); i++) {
		json_t *it = json_array_get(jget(r->json, "items"), i);
		const char *id = jstr(it, "id");
		if (id && strcmp(id, e_service) == 0)
			return jint(it, "queue_id");
	}
	fail_msg("e-service %s not visible", e_service);
	return 0;
}

/* ------------------------------------------------------------ asserts */

static void show(const struct http_resp *r)
{
	if (!r)
		return;
	print_error("  %s %s -> status %ld, curl %d, %.3f s, type '%s'\n",
		    r->method, r->path, r->status, r->curl_code, r->seconds,
		    r->ctype);
	if (r->body && r->len)
		print_error("  body: %.*s%s\n", (int)(r->len > 800 ? 800 : r->len),
			    r->body, r->len > 800 ? "…" : "");
}

void expect_status_at(const struct http_resp *r, long want,
		      const char *file, int line)
{
	if (r && r->status == want)
		return;
	print_error("%s:%d: expected status %ld\n", file, line, want);
	show(r);
	_fail(file, line);
}

void expect_problem_at(const struct http_resp *r, long want, const char *name,
		       const char *file, int line)
{
	char type[128];
	expect_status_at(r, want, file, line);
	snprintf(type, sizeof type, "urn:akt:problem:%s", name);
	const char *why = NULL;
	if (strncmp(r->ctype, "application/problem+json", 24) != 0)
		why = "content type is not application/problem+json";
	else if (!json_is_object(r->json))
		why = "body is not a JSON object";
	else if (!jstr(r->json, "type") || strcmp(jstr(r->json, "type"), type))
		why = "wrong problem type";
	else if (!jstr(r->json, "title") || !*jstr(r->json, "title"))
		why = "no title";
	else if (jint(r->json, "status") != want)
		why = "status member differs";
	else if (!jstr(r->json, "detail"))
		why = "no detail";
	if (!why)
		return;
	print_error("%s:%d: expected problem %ld %s: %s\n", file, line, want,
		    type, why);
	show(r);
	_fail(file, line);
}

void expect_true_at(bool ok, const char *what, const struct http_resp *r,
		    const char *file, int line)
{
	if (ok)
		return;
	print_error("%s:%d: %s\n", file, line, what);
	show(r);
	_fail(file, line);
}
