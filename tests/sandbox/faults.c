/*
 * faults.c — injected failures, per route, so clients can be tested against
 * a platform that misbehaves for real: slow, refusing, dropping, lying.
 * Faults live in memory only and have their own lock, because a request
 * consults them before it takes the global one.
 */
#include "sandbox.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

struct fault_rule {
	int64_t id;
	char method[16];          /* "" = any */
	char path[256];           /* fnmatch pattern, '*' spans '/' */
	struct sb_fault f;
	int64_t skip;             /* matching requests let through first */
	int64_t times;            /* firings left; -1 = until cleared */
	int64_t fired;
};

static pthread_mutex_t faults_lock = PTHREAD_MUTEX_INITIALIZER;
static struct fault_rule *rules;
static size_t nrules;
static int64_t next_id = 1;

bool sb_fault_match(const char *method, const char *path, struct sb_fault *f)
{
	bool hit = false;
	pthread_mutex_lock(&faults_lock);
	for (size_t i = 0; i < nrules && !hit; i++) {
		struct fault_rule *r = &rules[i];
		if (r->method[0] && strcmp(r->method, method) != 0)
			continue;
		if (fnmatch(r->path, path, 0) != 0)
			continue;
		if (r->times == 0)
			continue;
		if (r->skip > 0) {
			r->skip--;
			continue;
		}
		if (r->times > 0)
			r->times--;
		r->fired++;
		*f = r->f;
		hit = true;
	}
	pthread_mutex_unlock(&faults_lock);
	return hit;
}

static json_t *rule_json(const struct fault_rule *r)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:I, s:I}",
			      "id", (json_int_t)r->id,
			      "method", r->method[0] ? r->method : "*",
			      "path", r->path,
			      "phase", r->f.after ? "after" : "before",
			      "times_left", (json_int_t)r->times,
			      "fired", (json_int_t)r->fired);
	if (r->f.status)
		json_object_set_new(o, "status", json_integer(r->f.status));
	if (r->f.retry_after)
		json_object_set_new(o, "retry_after", json_integer(r->f.retry_after));
	if (r->f.latency_ms)
		json_object_set_new(o, "latency_ms", json_integer(r->f.latency_ms));
	if (r->f.stall_ms)
		json_object_set_new(o, "stall_ms", json_integer(r->f.stall_ms));
	if (r->f.drop)
		json_object_set_new(o, "drop", json_true());
	if (r->f.reset)
		json_object_set_new(o, "reset", json_true());
	if (r->f.truncate)
		json_object_set_new(o, "truncate", json_true());
	if (r->f.malformed)
		json_object_set_new(o, "malformed", json_true());
	if (r->f.wrong_shape)
		json_object_set_new(o, "wrong_shape", json_true());
	return o;
}

void h_sb_faults_list(struct sb_req *rq, struct sb_resp *rs)
{
	json_t *items = json_array();
	pthread_mutex_lock(&faults_lock);
	for (size_t i = 0; i < nrules; i++)
		json_array_append_new(items, rule_json(&rules[i]));
	pthread_mutex_unlock(&faults_lock);
	sb_json(rs, 200, json_pack("{s:o}", "items", items));
}

void h_sb_faults_clear(struct sb_req *rq, struct sb_resp *rs)
{
	pthread_mutex_lock(&faults_lock);
	free(rules);
	rules = NULL;
	nrules = 0;
	pthread_mutex_unlock(&faults_lock);
	sb_json(rs, 200, json_object());
}

static int opt_int(struct sb_resp *rs, json_t *b, const char *name,
		   int64_t lo, int64_t hi, int64_t *out)
{
	int rc = sb_field_int(rs, b, name, false, out);
	if (rc == 0 && (*out < lo || *out > hi)) {
		sb_bad(rs, name, "'%s' must be from %lld to %lld", name,
		       (long long)lo, (long long)hi);
		return -1;
	}
	return rc;
}

void h_sb_faults_add(struct sb_req *rq, struct sb_resp *rs)
{
	json_t *b = sb_body(rq, rs);
	if (!b)
		return;
	struct fault_rule r = {.times = -1};
	const char *method = NULL, *path = NULL, *phase = NULL;
	int64_t v;
	if (sb_field_str(rs, b, "method", false, &method) < 0 ||
	    sb_field_str(rs, b, "path", true, &path) < 0 ||
	    sb_field_str(rs, b, "phase", false, &phase) < 0)
		return;
	if (method && (strlen(method) >= sizeof r.method)) {
		sb_bad(rs, "method", "unknown method");
		return;
	}
	if (strlen(path) >= sizeof r.path || path[0] != '/') {
		sb_bad(rs, "path", "'path' must be an absolute path pattern "
		       "shorter than %zu bytes", sizeof r.path);
		return;
	}
	if (phase && strcmp(phase, "before") != 0 && strcmp(phase, "after") != 0) {
		sb_bad(rs, "phase", "'phase' must be \"before\" or \"after\"");
		return;
	}
	if (method && strcmp(method, "*") != 0)
		strcpy(r.method, method);  /* length checked above */
	strcpy(r.path, path);
	r.f.after = phase && strcmp(phase, "after") == 0;

	int rc;
	if ((rc = opt_int(rs, b, "status", 100, 599, &v)) < 0)
		return;
	if (rc == 0)
		r.f.status = (int)v;
	if ((rc = opt_int(rs, b, "retry_after", 0, 86400, &v)) < 0)
		return;
	if (rc == 0)
		r.f.retry_after = (int)v;
	if ((rc = opt_int(rs, b, "latency_ms", 0, 600000, &v)) < 0)
		return;
	if (rc == 0)
		r.f.latency_ms = (int)v;
	if ((rc = opt_int(rs, b, "stall_ms", 0, 600000, &v)) < 0)
		return;
	if (rc == 0)
		r.f.stall_ms = (int)v;
	if ((rc = opt_int(rs, b, "times", 0, 1000000000, &v)) < 0)
		return;
	if (rc == 0)
		r.times = v;
	if ((rc = opt_int(rs, b, "skip", 0, 1000000000, &v)) < 0)
		return;
	if (rc == 0)
		r.skip = v;
	if (sb_field_bool(rs, b, "drop", false, &r.f.drop) < 0 ||
	    sb_field_bool(rs, b, "reset", false, &r.f.reset) < 0 ||
	    sb_field_bool(rs, b, "truncate", false, &r.f.truncate) < 0 ||
	    sb_field_bool(rs, b, "malformed", false, &r.f.malformed) < 0 ||
	    sb_field_bool(rs, b, "wrong_shape", false, &r.f.wrong_shape) < 0)
		return;
	if ((r.f.status == 429 || r.f.status == 503) && !r.f.retry_after)
		r.f.retry_after = 1;
	if (!r.f.status && !r.f.latency_ms && !r.f.stall_ms && !r.f.drop &&
	    !r.f.reset && !r.f.truncate && !r.f.malformed && !r.f.wrong_shape) {
		sb_bad(rs, NULL, "a fault needs at least one effect: status, "
		       "latency_ms, stall_ms, drop, reset, truncate, malformed "
		       "or wrong_shape");
		return;
	}

	pthread_mutex_lock(&faults_lock);
	struct fault_rule *grown = realloc(rules, (nrules + 1) * sizeof *rules);
	if (!grown)
		abort();
	rules = grown;
	r.id = next_id++;
	rules[nrules++] = r;
	json_t *out = rule_json(&r);
	pthread_mutex_unlock(&faults_lock);
	sb_json(rs, 201, out);
}
