# KTAP helpers for the guest's runner scripts; `ukl` puts this file in front
# of the scripts that use it (see dev.ukl.guest.GuestScript).
n=0
failed=0

# result ok|fail NAME: the next test line
result() {
	n=$((n + 1))
	if [ "$1" = ok ]; then
		echo "ok $n $2"
	else
		echo "not ok $n $2"
		failed=$((failed + 1))
	fi
}

# kernel_quiet NAME [FIGURE_PREFIX]: a test that the kernel log has no oops,
# BUG, WARNING or kernel general protection fault (their lines as diagnostics); with
# a prefix, also the figure line "# PREFIX kernel log: ..."
kernel_quiet() {
	# (a user program's own fault is "general protection fault ip:...", not this)
	pattern='Oops|BUG:|WARNING:|general protection fault[,:]'
	if dmesg | grep -qE "$pattern"; then
		dmesg | grep -A3 -E "$pattern" | sed 's/^/# /'
		[ -n "$2" ] && echo "# $2 kernel log: oops or warning"
		result fail "$1"
	else
		[ -n "$2" ] && echo "# $2 kernel log: no oops, no warning"
		result ok "$1"
	fi
}
