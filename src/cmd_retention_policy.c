/*
 * cmd_retention_policy.c — akt retention list | show SERVICE |
 * set SERVICE DAYS: the retention policies of the e-services.
 */
#include "akt/conflict.h"
#include "akt/ops.h"
#include "akt/table.h"
#include "akt/when.h"
#include "akt/xalloc.h"
#include "cmd_retention.h"

enum { C_SERVICE, C_ID, C_DAYS, C_UPDATED, C_BY, C_CHANGE, NCOLS };

static const char *const headers[NCOLS] = {
	[C_SERVICE] = "E-SERVICE", [C_ID] = "ID", [C_DAYS] = "DAYS",
	[C_UPDATED] = "UPDATED", [C_BY] = "BY", [C_CHANGE] = "CHANGE",
};

static const char *by_name(const struct akt_retention_policy *p)
{
	return p->updated_by.name ? p->updated_by.name : "-";
}

/* Why the officer may not change some policies: one line when every
 * such policy gives the same reason, else one per policy. */
static void print_reasons(struct ret *rt,
			  const struct akt_retention_policy_list *l)
{
	const char *first = NULL;
	bool same = true;

	for (size_t i = 0; i < l->n; i++) {
		const char *why = l->items[i].can_edit ? NULL :
				  l->items[i].reason ? l->items[i].reason : "";

		if (!why)
			continue;
		if (!first)
			first = why;
		else if (strcmp(first, why) != 0)
			same = false;
	}
	if (!first)
		return;
	fputc('\n', rt->cli->out);
	if (same && *first) {
		ret_say(rt, "You cannot change %s: %s.",
			l->n > 1 ? "these policies" : "this policy", first);
		return;
	}
	for (size_t i = 0; i < l->n; i++)
		if (!l->items[i].can_edit)
			ret_say(rt, "You cannot change %s: %s.",
				ret_name(rt, &l->items[i].e_service),
				l->items[i].reason ? l->items[i].reason :
				"the platform gave no reason");
}

static void print_list(struct ret *rt,
		       const struct akt_retention_policy_list *l)
{
	struct akt_table *t = akt_table_new(NCOLS, headers);

	akt_table_col(t, C_SERVICE, AKT_COL_FLEX);
	akt_table_col(t, C_DAYS, AKT_COL_RIGHT);
	akt_table_col(t, C_BY, AKT_COL_FLEX);
	for (size_t i = 0; i < l->n; i++) {
		const struct akt_retention_policy *p = &l->items[i];
		char *days = xasprintf("%lld", (long long)p->days);
		char *date = ret_date(p->updated_at);
		const char *cells[NCOLS] = {
			[C_SERVICE] = ret_name(rt, &p->e_service),
			[C_ID] = p->e_service_id, [C_DAYS] = days,
			[C_UPDATED] = date, [C_BY] = by_name(p),
			[C_CHANGE] = p->can_edit ? "yes" : "no",
		};

		akt_table_row(t, cells);
		free(days);
		free(date);
	}
	akt_table_print(t, rt->cli->out, rt->cli->columns);
	akt_table_free(&t);
	print_reasons(rt, l);
}

int ret_list(struct ret *rt)
{
	struct akt_retention_policy_list l;
	json_t *json = NULL;
	int rc = ret_policies(rt, &l, &json);

	if (rc != AKT_EXIT_OK)
		return rc;
	if (rt->json)
		akt_cli_print_json(rt->cli, json);
	else if (l.n == 0)
		fprintf(rt->cli->out, "No retention policies: the platform "
			"purges no cases.\n");
	else
		print_list(rt, &l);
	json_decref(json);
	akt_retention_policy_list_clear(&l);
	return AKT_EXIT_OK;
}

/* ---- one policy, with its ETag ----------------------------------------- */

struct one {
	struct ret *rt;
	char *name;                  /* as shown in messages */
	struct akt_retention_policy p;
	json_t *json;
	char *etag;
};

static int on_policy(const struct akt_reply *r, void *arg)
{
	struct one *o = arg;
	char *err = NULL;

	if (r->result != AKT_OK)
		return ret_fail(r, "cannot read the retention policy of %s",
				o->name);
	if (!akt_retention_policy_decode(r->json, &o->p, &err)) {
		int rc = ret_not_understood(err);

		free(err);
		return rc;
	}
	o->json = json_deep_copy(r->json);
	o->etag = xstrdup_opt(r->etag);
	return AKT_EXIT_OK;
}

static void one_clear(struct one *o)
{
	akt_retention_policy_clear(&o->p);
	json_decref(o->json);
	o->json = NULL;
	xfree(&o->etag);
	xfree(&o->name);
}

/* Resolve SERVICE through the list and GET its policy. */
static int get_one(struct ret *rt, const char *service, struct one *o)
{
	struct akt_retention_policy_list l;
	const struct akt_retention_policy *p;
	char *path;
	int rc;

	memset(o, 0, sizeof(*o));
	o->rt = rt;
	if ((rc = ret_policies(rt, &l, NULL)) != AKT_EXIT_OK)
		return rc;
	if ((rc = ret_resolve(&l, service, &p)) == AKT_EXIT_OK) {
		o->name = xstrdup(ret_name(rt, &p->e_service));
		path = akt_retention_policy_path(p->e_service_id);
		rc = ret_call(rt, "GET", path, NULL, NULL, on_policy, o);
		free(path);
	}
	akt_retention_policy_list_clear(&l);
	return rc;
}

static void print_policy(struct ret *rt, const struct akt_retention_policy *p)
{
	struct akt_table *t = akt_table_new(2, NULL);
	char *service = xasprintf("%s (%s)", ret_name(rt, &p->e_service),
				  p->e_service_id);
	char *days = xasprintf("closed cases are purged after %lld days",
			       (long long)p->days);
	char *when = ret_when(p->updated_at);
	char *updated = p->updated_by.username ?
		xasprintf("%s by %s (%s)", when, p->updated_by.name,
			  p->updated_by.username) :
		xasprintf("%s (never changed)", when);
	char *change = p->can_edit ? xstrdup("you may change it") :
		xasprintf("you cannot change it: %s",
			  p->reason ? p->reason : "the platform gave no reason");
	const char *rows[][2] = {
		{ "e-service", service }, { "retention", days },
		{ "updated", updated }, { "change", change },
	};

	for (size_t i = 0; i < AKT_LEN(rows); i++)
		akt_table_row(t, rows[i]);
	akt_table_col(t, 1, AKT_COL_FLEX);
	akt_table_print(t, rt->cli->out, rt->cli->columns);
	akt_table_free(&t);
	free(service);
	free(days);
	free(when);
	free(updated);
	free(change);
}

int ret_show(struct ret *rt)
{
	struct one o;
	int rc = get_one(rt, rt->words[0], &o);

	if (rc == AKT_EXIT_OK) {
		if (rt->json)
			akt_cli_print_json(rt->cli, o.json);
		else
			print_policy(rt, &o.p);
	}
	one_clear(&o);
	return rc;
}

/* ---- set --------------------------------------------------------------- */

/* 412: someone changed the policy between akt's GET and PUT. */
static int changed_meanwhile(const struct one *o, const json_t *problem)
{
	const char *who, *name, *at;
	char when[AKT_WHEN_LEN];

	akt_changed_by(problem, &who, &name, &at);
	if (!who)
		who = name;
	akt_cli_error("cannot change retention of %s: changed by %s%s%s "
		      "meanwhile; run 'akt retention show %s' and try again",
		      o->name, who ? who : "someone else", at ? " at " : "",
		      at ? akt_when(at, when) : "", o->p.e_service_id);
	return AKT_EXIT_CONFLICT;
}

struct put {
	struct one *o;
	int64_t days;
};

static int on_put(const struct akt_reply *r, void *arg)
{
	struct put *pu = arg;
	struct ret *rt = pu->o->rt;
	struct akt_retention_policy p;
	char *err = NULL;

	if (r->result != AKT_OK) {
		const char *why = r->problem ? akt_problem_text(r->problem) :
				  NULL;

		/* the platform's reason says it best ("only administrators
		 * change retention policies") */
		if (r->status == 403 && why) {
			akt_cli_error("cannot change retention of %s: %s",
				      pu->o->name, why);
			return AKT_EXIT_REFUSED;
		}
		if (r->status == 412)
			return changed_meanwhile(pu->o, r->json);
		return ret_fail(r, "cannot change retention of %s",
				pu->o->name);
	}
	if (!akt_retention_policy_decode(r->json, &p, &err)) {
		int rc = ret_not_understood(err);

		free(err);
		return rc;
	}
	if (rt->json)
		akt_cli_print_json(rt->cli, r->json);
	else if (p.days == pu->o->p.days)
		ret_say(rt, "%s: closed cases are purged after %lld days "
			"(unchanged)", pu->o->name, (long long)p.days);
	else
		ret_say(rt, "%s: closed cases are purged after %lld days "
			"(was %lld)", pu->o->name, (long long)p.days,
			(long long)pu->o->p.days);
	akt_retention_policy_clear(&p);
	return AKT_EXIT_OK;
}

int ret_set(struct ret *rt)
{
	struct one o;
	struct put pu = { &o, 0 };
	struct ret_wait w = { on_put, &pu, false, AKT_EXIT_OK };
	int rc;

	/* checked before anything is sent: a typo must not reach the
	 * platform as a policy */
	if (!akt_retention_days_parse(rt->words[1], &pu.days)) {
		akt_cli_error("retention: DAYS must be a whole number from %d "
			      "to %d, not '%s'", AKT_RETENTION_DAYS_MIN,
			      AKT_RETENTION_DAYS_MAX, rt->words[1]);
		return AKT_EXIT_USAGE;
	}
	if ((rc = get_one(rt, rt->words[0], &o)) != AKT_EXIT_OK)
		goto out;
	if (!o.etag) {
		rc = ret_not_understood("the retention policy came without "
					"an ETag");
		goto out;
	}
	akt_op_retention_policy(rt->cli->session, o.p.e_service_id, pu.days,
				o.etag, ret_wait_cb, &w);
	rc = ret_wait(rt, &w);
out:
	one_clear(&o);
	return rc;
}
