// SPDX-License-Identifier: GPL-2.0
/*
 * A QEMU TCG plugin for `ukl bench boot`: counts the guest instructions
 * from the first one QEMU runs (firmware and boot loader included) to the
 * first execution of one guest address, the "ready" mark (a kernel
 * function the app calls when it is ready, such as __x64_sys_listen).
 *
 * Counting is per instruction, as -icount counts: an instruction that does
 * not complete (a fault, an interrupt taken before it) is not counted.
 * Meant for -icount, where one thread runs every vCPU.
 *
 * Arguments: out=PATH, ready=ADDR (hex, the guest virtual address).
 * Output, written when the mark is first reached and again when QEMU
 * exits normally (a killed QEMU leaves the first):
 *   ready <instructions before the mark, or - if it was never reached>
 *   total <instructions counted when it was written>
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

static uint64_t count;
static uint64_t ready_addr;
static uint64_t ready_count;
static int ready_seen;
static const char *out_path;

static void report(void)
{
	FILE *f = fopen(out_path, "w");

	if (!f)
		return;
	if (ready_seen)
		fprintf(f, "ready %" PRIu64 "\n", ready_count);
	else
		fprintf(f, "ready -\n");
	fprintf(f, "total %" PRIu64 "\n", count);
	fclose(f);
}

static void on_ready(unsigned int vcpu, void *data)
{
	(void)vcpu;
	(void)data;
	if (ready_seen)
		return;
	ready_seen = 1;
	ready_count = count;
	report();
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t n = qemu_plugin_tb_n_insns(tb);

	(void)id;
	for (size_t i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);

		if (qemu_plugin_insn_vaddr(insn) == ready_addr)
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_ready, QEMU_PLUGIN_CB_NO_REGS, NULL);
		qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, &count, 1);
	}
}

static void at_exit(qemu_plugin_id_t id, void *data)
{
	(void)id;
	(void)data;
	report();
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv)
{
	(void)info;
	for (int i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "out=", 4))
			out_path = argv[i] + 4;
		else if (!strncmp(argv[i], "ready=", 6))
			ready_addr = strtoull(argv[i] + 6, NULL, 16);
	}
	if (!out_path || !ready_addr) {
		fprintf(stderr, "ukl-boot: needs out=PATH and ready=ADDR\n");
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
