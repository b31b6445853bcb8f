// SPDX-License-Identifier: GPL-2.0
/*
 * A QEMU TCG plugin that counts the guest instructions executed at each
 * address inside windows the guest marks, for `ukl profile`.
 *
 * The guest marks windows with no-op instructions the plugin recognises
 * by their bytes, `nopl DISP32(%rax)` (0f 1f 80 + DISP32):
 *   DISP32 = UKL_GROUP  a new group of cases begins;
 *   DISP32 = UKL_ON     a window opens;
 *   DISP32 = UKL_OFF    the window closes.
 * Every window gets a tag: within a group, the windows opened by one ON
 * site (one place in the guest's code) share a tag, and tags are numbered
 * in the order their sites are first used. So a benchmark that opens a
 * group per function and a site per case gets one tag per case, in the
 * order its cases start.
 *
 * Counting is per instruction (an inline add on every instruction), so an
 * instruction that does not complete (a fault, an interrupt taken before
 * it) is not counted, as -icount does not count it either. A block's
 * counters are read when the window first enters the block and when the
 * window closes; only blocks a window entered are read, so a window costs
 * what it runs, not what QEMU has translated. Meant for -icount, where one
 * thread runs every vCPU.
 *
 * Output, written when QEMU exits, to the file given by out=PATH:
 *   tag <n> windows <count>
 *   <n> <vaddr in hex> <count>      one line per address with a count
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

#define UKL_GROUP 0x554b4c47u	/* "GLKU" */
#define UKL_ON 0x554b4c31u
#define UKL_OFF 0x554b4c30u
#define MAX_TAGS 64
#define MAX_SITES 16

/* The instructions of one translated block and their counters. */
struct block {
	size_t n;
	uint64_t *vaddr;
	uint64_t *count;	/* added to by the inline ops */
	uint64_t *at_open;	/* count when the window first entered the block */
	uint64_t epoch;		/* the window that last entered the block */
};

/* A marker instruction: what it does, where it is, its block. */
struct marker {
	int kind;		/* 0 group, 1 on, 2 off */
	uint64_t site;
	struct block *blk;
};

/* A (tag, address) pair and the instructions counted there. */
struct entry {
	uint64_t vaddr;
	uint64_t count;
	int tag;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry *entries;
static size_t nentries, cap_entries;
static uint64_t windows[MAX_TAGS];
static uint64_t sites[MAX_SITES];
static int site_tag[MAX_SITES];
static int nsites, ntags, open_tag = -1;
static uint64_t epoch;
static struct block **touched;
static size_t ntouched, cap_touched;
static const char *out_path;

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	*cap = *cap ? *cap * 2 : 1024;
	if (*cap < need)
		*cap = need;
	p = realloc(p, *cap * size);
	if (!p)
		abort();
	return p;
}

/* The window's counts, added to the entries under its tag. */
static void enter(struct block *blk)
{
	blk->epoch = epoch;
	memcpy(blk->at_open, blk->count, blk->n * sizeof(uint64_t));
	touched = grow(touched, &cap_touched, ntouched + 1, sizeof(*touched));
	touched[ntouched++] = blk;
}

static void on_block(unsigned int vcpu, void *udata)
{
	struct block *blk = udata;

	(void)vcpu;
	if (open_tag < 0 || blk->epoch == epoch)
		return;
	pthread_mutex_lock(&lock);
	enter(blk);
	pthread_mutex_unlock(&lock);
}

static void close_window(void)
{
	for (size_t b = 0; b < ntouched; b++) {
		struct block *blk = touched[b];

		for (size_t i = 0; i < blk->n; i++) {
			uint64_t d = blk->count[i] - blk->at_open[i];

			if (!d)
				continue;
			entries = grow(entries, &cap_entries, nentries + 1, sizeof(*entries));
			entries[nentries].vaddr = blk->vaddr[i];
			entries[nentries].count = d;
			entries[nentries].tag = open_tag;
			nentries++;
		}
	}
	open_tag = -1;
	ntouched = 0;
}

static void on_marker(unsigned int vcpu, void *udata)
{
	struct marker *m = udata;
	int kind = m->kind;
	uint64_t site = m->site;
	int tag = -1;

	(void)vcpu;
	pthread_mutex_lock(&lock);
	if (kind == 0) {		/* group */
		nsites = 0;
	} else if (kind == 1) {		/* on */
		if (open_tag >= 0)
			close_window();
		for (int i = 0; i < nsites; i++)
			if (sites[i] == site)
				tag = site_tag[i];
		if (tag < 0 && nsites < MAX_SITES && ntags < MAX_TAGS) {
			sites[nsites] = site;
			site_tag[nsites++] = tag = ntags++;
		}
		if (tag >= 0) {
			epoch++;
			windows[tag]++;
			open_tag = tag;
			/* the rest of the marker's block runs in the window */
			enter(m->blk);
		}
	} else if (open_tag >= 0) {	/* off */
		close_window();
	}
	pthread_mutex_unlock(&lock);
}

static int marker_kind(struct qemu_plugin_insn *insn)
{
	const unsigned char *d = qemu_plugin_insn_data(insn);
	uint32_t disp;

	if (qemu_plugin_insn_size(insn) != 7 || d[0] != 0x0f || d[1] != 0x1f || d[2] != 0x80)
		return -1;
	memcpy(&disp, d + 3, 4);
	if (disp == UKL_GROUP)
		return 0;
	if (disp == UKL_ON)
		return 1;
	if (disp == UKL_OFF)
		return 2;
	return -1;
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t n = qemu_plugin_tb_n_insns(tb);
	struct block *blk = calloc(1, sizeof(*blk));

	if (!blk)
		abort();
	blk->n = n;
	blk->vaddr = calloc(n, sizeof(uint64_t));
	blk->count = calloc(n, sizeof(uint64_t));
	blk->at_open = calloc(n, sizeof(uint64_t));
	if (!blk->vaddr || !blk->count || !blk->at_open)
		abort();
	for (size_t i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		int kind = marker_kind(insn);

		blk->vaddr[i] = qemu_plugin_insn_vaddr(insn);
		if (kind >= 0) {
			struct marker *m = malloc(sizeof(*m));

			if (!m)
				abort();
			m->kind = kind;
			m->site = blk->vaddr[i];
			m->blk = blk;
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_marker,
							       QEMU_PLUGIN_CB_NO_REGS, m);
		}
		qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64,
							   &blk->count[i], 1);
	}
	qemu_plugin_register_vcpu_tb_exec_cb(tb, on_block, QEMU_PLUGIN_CB_NO_REGS, blk);
	(void)id;
}

static int by_tag_then_vaddr(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->tag != y->tag)
		return x->tag < y->tag ? -1 : 1;
	return x->vaddr < y->vaddr ? -1 : x->vaddr > y->vaddr;
}

static void write_profile(qemu_plugin_id_t id, void *p)
{
	FILE *f = fopen(out_path, "w");

	(void)id;
	(void)p;
	if (!f) {
		qemu_plugin_outs("ukl-profile: cannot write the profile\n");
		return;
	}
	pthread_mutex_lock(&lock);
	if (open_tag >= 0)
		close_window();
	qsort(entries, nentries, sizeof(*entries), by_tag_then_vaddr);
	for (int t = 0; t < ntags; t++)
		fprintf(f, "tag %d windows %" PRIu64 "\n", t, windows[t]);
	for (size_t i = 0; i < nentries;) {
		size_t j = i;
		uint64_t sum = 0;

		while (j < nentries && entries[j].tag == entries[i].tag &&
		       entries[j].vaddr == entries[i].vaddr)
			sum += entries[j++].count;
		fprintf(f, "%d %" PRIx64 " %" PRIu64 "\n", entries[i].tag, entries[i].vaddr, sum);
		i = j;
	}
	pthread_mutex_unlock(&lock);
	fclose(f);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
					   int argc, char **argv)
{
	(void)info;
	for (int i = 0; i < argc; i++)
		if (!strncmp(argv[i], "out=", 4))
			out_path = argv[i] + 4;
	if (!out_path) {
		fprintf(stderr, "ukl-profile: out=PATH is required\n");
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	qemu_plugin_register_atexit_cb(id, write_profile, NULL);
	return 0;
}
