// SPDX-License-Identifier: GPL-2.0
/* A guest test that fails on purpose: the toolchain must report it. */
#include "ktap.h"

int main(void)
{
	ktap_plan(2);
	ktap_result(1, "works");
	ktap_diag("the next case fails on purpose");
	ktap_result(0, "fails_on_purpose");
	return ktap_done();
}
