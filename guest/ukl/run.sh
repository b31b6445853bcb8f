# The UKL test suite, run by the guest's init with the UKL kernel. Prints
# one KTAP report; the test app's own reports are nested as subtests.
cd /tmp
T=/apps/ukl_tests

# expect NAME RC WANT [COMMAND...]: ok when the exit status RC is WANT and
# COMMAND, if given, succeeds
expect() {
	name=$1
	rc=$2
	want=$3
	shift 3
	if [ "$rc" -eq "$want" ] && { [ $# -eq 0 ] || "$@"; }; then
		result ok "$name"
	else
		result fail "$name # exit status $rc"
	fi
}

# sub NAME COMMAND...: a command that prints KTAP, as a subtest
sub() {
	subname=$1
	shift
	"$@" >/tmp/sub.out 2>&1
	rc=$?
	sed 's/^/    /' /tmp/sub.out
	expect "$subname" "$rc" 0
}

logged() {
	dmesg | grep -q "$1"
}

echo "KTAP version 1"
echo "1..91"
sub ukl_runs_at_cpl0 /UKL cpl 0
sub user_form_runs_at_cpl3 $T cpl 3
sub ukl_syscalls /UKL syscalls
sub user_form_syscalls $T syscalls
sub ukl_recursion_4MiB /UKL recurse
sub ukl_signals /UKL signals
sub ukl_fork_copies_globals /UKL fork 0
sub user_form_fork_copies_globals $T fork 0
# Stacks the app makes for itself, none populated in advance
sub ukl_threads_on_mmap_stacks /UKL threads mmap
sub user_form_threads_on_mmap_stacks $T threads mmap
sub ukl_threads_on_heap_stacks /UKL threads heap
sub ukl_thread_on_growsdown_stack /UKL threads growsdown
sub user_form_thread_on_growsdown_stack $T threads growsdown
sub ukl_runs_while_its_stack_is_dropped /UKL stack_dropped
sub ukl_fast_calls_keep_signals_scheduling_restarts /UKL fast_calls
sub user_form_fast_calls_keep_signals_scheduling_restarts $T fast_calls
# A seccomp filter the app installs denies and kills as it does for the user
# program, whichever entry the call takes
sub ukl_seccomp_filter_still_applies /UKL seccomp
sub user_form_seccomp_filter_applies $T seccomp

# said TEXT FILE: FILE holds TEXT and ends with a complete line (apps write
# a line in several pieces; a reader must not take half of one)
said() {
	grep -q "$1" "$2" 2>/dev/null && [ -z "$(tail -c 1 "$2")" ]
}

# wait_for TEXT FILE: until the app has said TEXT (at most 30 s)
wait_for() {
	i=0
	while ! said "$1" "$2" && [ $i -lt 300 ]; do
		usleep 100000
		i=$((i + 1))
	done
}

# A parent that exits leaves its child running: the child, reparented,
# still works with its own globals
for form in ukl user_form; do
	prog=/UKL
	[ $form = user_form ] && prog=$T
	rm -f /tmp/orphan.out
	$prog orphan /tmp/orphan.out
	rc=$?
	wait_for "orphan: " /tmp/orphan.out
	expect ${form}_orphan_keeps_running "$rc" 0 grep -q "orphan: ok" /tmp/orphan.out
done

# Two instances of the app at once, each a server on its own port: each
# counts only its own connections (globals per process)
/UKL serve 7001 2 >/tmp/serve1.out 2>&1 &
one=$!
/UKL serve 7002 1 >/tmp/serve2.out 2>&1 &
two=$!
wait_for serving /tmp/serve1.out
wait_for serving /tmp/serve2.out
# each has its globals as ordinary private memory at the window's address
grep "^00200000-" /proc/$one/maps | sed 's/^/# instance maps: /'
windows=no
grep -q "^00200000-.* r--p " /proc/$one/maps && grep -q "^00200000-.* r--p " /proc/$two/maps && windows=ok
a=$(echo first | nc 127.0.0.1 7001)
b=$(echo other | nc 127.0.0.1 7002)
c=$(echo second | nc 127.0.0.1 7001)
wait $one
rc1=$?
wait $two
rc2=$?
echo "# instances answered: '$a' '$b' '$c'"
answers_ok() {
	[ "$windows" = ok ] && [ "$a" = "7001 1 first" ] && [ "$b" = "7002 1 other" ] && [ "$c" = "7001 2 second" ]
}
expect ukl_two_instances_keep_their_own_globals $((rc1 + rc2)) 0 answers_ok

: >/tmp/usr1.out
/UKL usr1 >/tmp/usr1.out 2>&1 &
pid=$!
wait_for computing /tmp/usr1.out
kill -USR1 "$pid"
wait_for blocking /tmp/usr1.out
sleep 1
kill -USR1 "$pid"
wait "$pid"
rc=$?
sed 's/^/    /' /tmp/usr1.out
expect ukl_sigusr1 "$rc" 0

: >/tmp/spin.out
/UKL spin >/tmp/spin.out 2>&1 &
pid=$!
wait_for spinning /tmp/spin.out
echo "# /proc/$pid/status of the UKL app:"
sed -n 's/^/# /; 1,9p' /proc/$pid/status
if grep -q "^Name:	UKL" /proc/$pid/status && grep -q "^State:	R" /proc/$pid/status &&
	grep -q "^VmRSS:" /proc/$pid/status; then
	result ok ukl_proc_status_is_ordinary
else
	result fail ukl_proc_status_is_ordinary
fi
# echo_beside PORT WORD: starts a user-mode copy of the echo server on PORT,
# sends it WORD and prints its reply
echo_beside() {
	/apps/tcp_server "$1" >/dev/null 2>&1 &
	spid=$!
	i=0
	while ! netstat -ltn 2>/dev/null | grep -q ":$1 " && [ $i -lt 100 ]; do
		usleep 100000
		i=$((i + 1))
	done
	# nc's input stays open until the reply is there (at most 30 s),
	# however slowly the guest runs
	: >/tmp/reply
	(echo "$2"; wait_for "$2" /tmp/reply) | nc 127.0.0.1 "$1" >/tmp/reply
	kill "$spid"
	cat /tmp/reply
}
# A user-mode copy of the echo server serves beside the UKL app.
reply=$(echo_beside 5556 hello-beside-ukl)
echo "# user-mode echo server beside the UKL app answered: $reply"
if ps | grep -q "^ *$pid .*/UKL spin" && grep -q MemTotal /proc/meminfo &&
	[ "$reply" = hello-beside-ukl ] && $T cpl 3 >/dev/null; then
	result ok user_processes_run_beside_ukl
else
	result fail user_processes_run_beside_ukl
fi
kill -9 "$pid"
wait "$pid"
expect ukl_kill_9 $? 137 test ! -d "/proc/$pid"

/UKL segv_null
expect ukl_null_dereference_sigsegv $? 139 logged "UKL\[.*segfault at 0 "
/UKL segv_unmapped
expect ukl_unmapped_access_sigsegv $? 139
/UKL segv_kernel
expect ukl_kernel_half_access_sigsegv $? 139
$T segv_kernel
expect user_form_kernel_half_access_sigsegv $? 139
/UKL overflow
expect ukl_stack_overflow_sigsegv $? 139 logged "UKL\[.*segfault at "
# The app's own trap flag gives SIGTRAP as in a user program; a
# context or handler outside its code ends it with SIGSEGV (the UKL app
# resumes at CPL 0, so it may resume nothing but its own code).
sub ukl_traps /UKL traps
sub user_form_traps $T traps
# The resume flag a fault's frame carries on hardware: the app computes on
# while interrupts return to it with RF set
sub ukl_returns_with_resume_flag /UKL resume_flag
sub user_form_returns_with_resume_flag $T resume_flag
/UKL trap_flag
expect ukl_trap_flag_sigtrap $? 133
$T trap_flag
expect user_form_trap_flag_sigtrap $? 133
/UKL int3
expect ukl_int3_sigtrap $? 133
$T int3
expect user_form_int3_sigtrap $? 133
/UKL bad_sigreturn
expect ukl_bad_sigreturn_sigsegv $? 139
$T bad_sigreturn
expect user_form_bad_sigreturn_sigsegv $? 139
/UKL bad_handler
expect ukl_bad_handler_sigsegv $? 139
$T bad_handler
expect user_form_bad_handler_sigsegv $? 139
# traced FILE: strace's output shows a write to stdout with its arguments and
# result, and the forked child it followed, which exits with 7 (fork 0)
traced() {
	grep -qE '^[0-9]+ +write\(1, ".*", [0-9]+\) += [0-9]+$' "$1" && grep -qE '^[0-9]+ +\+\+\+ exited with 7 \+\+\+' "$1"
}
# Tools that take the program by path: strace (which looks at the path
# before it execs it) shows the app's system calls with their results, its
# children's too (-f), as for the user form; env and time exec it
for form in ukl:/UKL user_form:$T; do
	rm -f /tmp/strace.out
	strace -f -o /tmp/strace.out "${form#*:}" fork 0 >/tmp/st.out 2>&1
	rc=$?
	echo "# ${form%%:*} under strace: exit status $rc, $(wc -l </tmp/strace.out) lines, $(grep -c '^[0-9]* *write(1, ' /tmp/strace.out) writes to stdout, $(grep -c 'exited with 0' /tmp/strace.out) processes exited with 0"
	grep -m 4 -E 'write\(1, |clone\(|exited with 7' /tmp/strace.out | sed 's/^/# /'
	expect "${form%%:*}_under_strace_f" "$rc" 0 traced /tmp/strace.out
done
env UKL_TEST=1 /UKL cpl 0 >/dev/null 2>&1
expect ukl_started_by_env $? 0
time /UKL cpl 0 >/dev/null 2>&1
expect ukl_started_by_time $? 0
/bin/sh /UKL >/dev/null 2>&1
expect ukl_name_is_a_file_for_tools $? 126 test -x /UKL

# /proc/PID/syscall of the app blocked in read() (a shortcut call) names the
# call and the site it returns to, sys(), not an earlier call's site; the
# user form is the control
blocked_syscall() {
	: >/tmp/blocked.out
	"$2" blocked_read >/tmp/blocked.out 2>&1 &
	bpid=$!
	wait_for "blocked_read: sys at" /tmp/blocked.out
	sysat=$(sed -n 's/^# blocked_read: sys at \(0x[0-9a-f]*\) .*/\1/p' /tmp/blocked.out)
	sysend=$(sed -n 's/^# blocked_read: .* up to //p' /tmp/blocked.out)
	i=0
	while line=$(cat /proc/$bpid/syscall 2>/dev/null) && [ "${line%% *}" != 0 ] && [ $i -lt 50 ]; do
		usleep 100000
		i=$((i + 1))
	done
	kill -9 $bpid
	wait $bpid 2>/dev/null
	echo "# $1: /proc/PID/syscall: $line; sys at $sysat up to $sysend"
	set -- "$1" $line
	if [ "$2" = 0 ] && [ $# -eq 10 ] && [ -n "$sysat" ] && [ -n "$sysend" ] &&
		[ $((${10} - sysat)) -gt 0 ] && [ $((sysend - ${10})) -gt 0 ]; then
		result ok "$1"
	else
		result fail "$1"
	fi
}
blocked_syscall ukl_proc_syscall_in_shortcut /UKL
blocked_syscall user_form_proc_syscall $T

# perf: the profile of a program that spends its time in one function,
# hot_loop(), names that function first, in both forms. The app's code is
# kernel text and its samples kernel samples, named by kallsyms with the
# ukl_ prefix every app symbol gets: the report reads a copy of kallsyms
# that gives the app's text (the ukl_ symbols from __ukl_text_start on)
# its own names back.
awk '$3 == "__ukl_text_start" { app = 1; print; next }
	app && $3 !~ /^ukl_/ { app = 0 }
	app { $3 = substr($3, 5); n++ }
	{ print }
	END { print n + 0 >"/tmp/ukl-renamed" }' /proc/kallsyms >/tmp/kallsyms
echo "# kallsyms: $(cat /tmp/ukl-renamed) symbols of the app's text renamed"
perf_top() {
	pname=$1
	shift
	perf record -q -e cpu-clock -F 1000 -o /tmp/perf.data -- "$@" >/dev/null 2>/tmp/perf.err
	prc=$?
	top=$(perf report -i /tmp/perf.data --kallsyms=/tmp/kallsyms --stdio -q --sort sym 2>/dev/null |
		awk 'NF { print $NF; exit }')
	echo "# $pname: perf record status $prc, first in the report: $top"
	sed 's/^/# /' /tmp/perf.err | head -5
	if [ "$prc" -eq 0 ] && [ "$top" = hot_loop ]; then
		result ok "$pname"
	else
		result fail "$pname"
	fi
}
perf_top ukl_perf_names_the_hot_function /UKL hot
perf_top user_form_perf_names_the_hot_function $T hot

# Another thread rewrites the return address of a blocked read() on the
# app's stack: the call still returns where it was made, through the
# shortcut entry and through the ordinary one (before, it returned to the
# address written there, at CPL 0: exit 3); the user form keeps its ip in
# rcx, as the control
for e in shortcut entry; do
	/UKL return_slot $e
	expect ukl_return_slot_${e}_kept $? 0
	$T return_slot $e
	expect user_form_return_slot_${e} $? 0
done

# The app jumping where it has no code (a garbage restorer, as LTP's
# rt_sigaction01 under musl; wild calls to an unmapped user page, its own
# data, an unmapped kernel-half page; an int $0x80 hidden in another
# instruction's bytes) dies of SIGSEGV as the user program does
for c in bad_restorer wild_call_user wild_call_data wild_call_kernel; do
	/UKL $c
	expect ukl_${c}_sigsegv $? 139
	$T $c
	expect user_form_${c}_sigsegv $? 139
done
# The hidden int $0x80 ends the app with SIGSEGV through the 32-bit gate of
# IA32 emulation too, where the user program makes a 32-bit system call
# (number 0xffff: ENOSYS) and goes on
/UKL int80
expect ukl_int80_sigsegv $? 139
$T int80
expect user_form_int80_compat_call $? 0
# Without EFLAGS.AC (clac at CPL 0) SMAP forbids the app user memory: the
# fault sets AC again and the access runs (it reads 1), as a user program's
# popf of a flags word without AC does not cost it its memory either
/UKL ac_clear
expect ukl_ac_clear_retried $? 1

# No exception or interrupt taken in app code pushes onto the app's stack:
# an app spinning with rsp at an unmapped or a non-canonical address keeps
# running, as the user program does, until killed; meanwhile the timer
# ticks and a user-mode echo server beside it serves.
# the local timer interrupts taken so far, on every CPU
timer_ticks() {
	awk '/LOC:/ { s = 0; for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i; print s }' /proc/interrupts
}
# spins NAME COMMAND...: COMMAND still runs after a second, then SIGKILL ends it
spins() {
	sname=$1
	shift
	"$@" &
	spid=$!
	ticks_before=$(timer_ticks)
	sleep 1
	reply=$(echo_beside 5557 "beside-$sname")
	ticks_after=$(timer_ticks)
	alive=no
	kill -0 "$spid" 2>/dev/null && alive=yes
	kill -9 "$spid"
	wait "$spid"
	rc=$?
	echo "# $sname: running after 1 s: $alive; timer interrupts $ticks_before -> $ticks_after; echo: $reply"
	ok=no
	[ "$alive" = yes ] && [ "$ticks_after" -gt "$((ticks_before + 10))" ] &&
		[ "$reply" = "beside-$sname" ] && ok=yes
	expect "$sname" "$rc" 137 test "$ok" = yes
}
spins ukl_spins_on_an_unmapped_stack /UKL bad_stack_spin
spins user_form_spins_on_an_unmapped_stack $T bad_stack_spin
spins ukl_spins_on_a_non_canonical_stack /UKL wild_stack_spin
if $T cpl 3 >/dev/null && /UKL cpl 0 >/dev/null; then
	result ok kernel_lives_after_app_faults
else
	result fail kernel_lives_after_app_faults
fi

# trace NAME MODE PROGRAM: start "PROGRAM victim", let guest/tools/trace-probe
# MODE at it, then end it with SIGTERM: ok when the probe's checks pass and
# the victim finds its canaries intact
trace() {
	tname=$1
	mode=$2
	# emptied here, not only by the child's redirection: the shell may
	# look before the child has run, and must not find the last victim's line
	: >/tmp/victim.out
	"$3" victim >/tmp/victim.out 2>&1 &
	vpid=$!
	wait_for "victim ready" /tmp/victim.out
	/guest/tools/trace-probe "$mode" "$vpid" $(sed -n 's/^# victim ready: //p' /tmp/victim.out) >/tmp/probe.out 2>&1
	prc=$?
	kill -TERM "$vpid"
	wait "$vpid"
	vrc=$?
	sed 's/^/    /' /tmp/probe.out
	sed 's/^/    /' /tmp/victim.out
	expect "$tname" "$prc" 0 test "$vrc" -eq 0
}
# A process of the app's own uid, without capabilities, gets nowhere near a
# UKL app that dropped root and asked to be dumpable; the same process may
# trace the user form (the control); root may debug the UKL app.
trace ukl_unprivileged_tracer_refused refused /UKL
trace user_form_unprivileged_tracer_allowed allowed $T
trace ukl_privileged_tracer_debugs privileged /UKL

/guest/tools/unpriv-exec /UKL >/tmp/unpriv.out 2>&1
rc=$?
sed 's/^/# /' /tmp/unpriv.out
expect unprivileged_exec_eperm "$rc" 0
/guest/tools/unpriv-exec --no-new-privs /UKL >/tmp/unpriv.out 2>&1
rc=$?
sed 's/^/# /' /tmp/unpriv.out
expect no_new_privs_exec_eperm "$rc" 0
/guest/tools/unpriv-exec --seccomp /UKL >/tmp/unpriv.out 2>&1
rc=$?
sed 's/^/# /' /tmp/unpriv.out
expect seccomp_exec_eperm "$rc" 0
# A root process asks to be traced (PTRACE_TRACEME) by its parent, which
# then gives up root: its exec of /UKL is refused, though the tracer
# credentials recorded at TRACEME are the child's own, root's. The user form
# is the control: its exec goes through under that tracer.
/guest/tools/traceme-exec /UKL >/tmp/unpriv.out 2>&1
rc=$?
sed 's/^/# /' /tmp/unpriv.out
expect traceme_by_unprivileged_parent_exec_eperm "$rc" 0
/guest/tools/traceme-exec $T >/tmp/unpriv.out 2>&1
rc=$?
sed 's/^/# /' /tmp/unpriv.out
expect user_form_traceme_by_unprivileged_parent_runs "$rc" 3
# A tracer that keeps CAP_SYS_PTRACE but drops CAP_SYS_ADMIN tries to seize
# a task as it execs the app, before, during and after the exec (the guest
# has two CPUs, so the tracer runs while the exec does): attached before, the
# exec is refused; after, the seize is; it never holds the running app.
/guest/tools/exec-race /UKL 200 >/tmp/race.out 2>&1
rc=$?
sed 's/^/# /' /tmp/race.out
expect tracer_without_sys_admin_never_holds_the_app_across_exec "$rc" 0

# A crashed UKL app dumps core as a setuid program does: as root's, mode
# 0600, to an absolute core_pattern, also after it gave up root and asked
# to be dumpable. The user form doing the same is the control: its core
# is its own uid's.
mkdir -p /tmp/cores
chmod 1777 /tmp/cores
echo /tmp/cores/core.%p >/proc/sys/kernel/core_pattern
# core_test NAME PROGRAM COMMAND OWNER: ok when PROGRAM COMMAND dies by
# SIGSEGV leaving one ELF core file, owned by uid OWNER, mode 0600
core_test() {
	rm -f /tmp/cores/core.*
	(ulimit -c unlimited; exec "$2" "$3" >/dev/null 2>&1)
	crc=$?
	core=$(ls /tmp/cores/core.* 2>/dev/null | head -n 1)
	echo "# $1: exit status $crc, core: $(ls -ln /tmp/cores 2>/dev/null | tail -n +2 | tr -s ' ')"
	if [ "$crc" -eq 139 ] && [ -n "$core" ] &&
		[ "$(ls -ln "$core" | awk '{ print $1, $3 }')" = "-rw------- $4" ] &&
		[ "$(head -c 4 "$core" | tail -c 3)" = ELF ] &&
		[ "$(dd if="$core" bs=1 skip=16 count=1 2>/dev/null | od -An -tu1 | tr -d ' ')" = 4 ]; then
		result ok "$1"
	else
		result fail "$1"
	fi
}
core_test ukl_core_dump_is_roots /UKL segv_null 0
core_test ukl_core_dump_after_setuid_is_roots /UKL dumpable_crash 0
core_test user_form_core_dump_after_setuid_is_its_own $T dumpable_crash 65534
echo core >/proc/sys/kernel/core_pattern

# While it keeps the root credentials it was started with, the app dumps
# as any root process does, to a relative core_pattern too (LTP's kill11
# and waitpid01 look for such a core); the user form is the control
for form in ukl:/UKL user_form:$T; do
	mkdir -p /tmp/rel
	rm -f /tmp/rel/core*
	(cd /tmp/rel && ulimit -c unlimited && exec "${form#*:}" segv_null >/dev/null 2>&1)
	rc=$?
	echo "# ${form%%:*}: exit status $rc, in the cwd: $(ls /tmp/rel | tr '\n' ' ')"
	expect "${form%%:*}_core_dump_relative_pattern" "$rc" 139 test -n "$(ls /tmp/rel/core* 2>/dev/null)"
done

# Address-space randomization as for an ELF program: two runs of each form
# find their stack, heap (brk) and first mapping at other addresses
randomized() {
	a=$("$2" addresses)
	b=$("$2" addresses)
	echo "# $a"
	echo "# $b"
	set -- "$1" $a $b
	if [ "$2" = addresses: ] && [ "$6" = addresses: ] && [ "$3" != "$7" ] && [ "$4" != "$8" ] &&
		[ "$5" != "$9" ]; then
		result ok "$1"
	else
		result fail "$1"
	fi
}
randomized ukl_addresses_randomized /UKL
randomized user_form_addresses_randomized $T

# Modules that use the user-access helpers UKL changes link and load, and an
# ordinary process's user copies behave as without UKL (the kernel's own
# test_user_copy fails to load otherwise).
for m in test_ukl_uaccess test_user_copy; do
	insmod /guest/modules/$m.ko && rmmod $m
	expect module_$m $? 0
done
dmesg | grep -e test_ukl_uaccess -e test_user_copy | sed 's/^/# /'

# A kprobe (the kernel's sample module, which probes the symbol it is
# given) registers on a kernel function; on the app's text, which runs in
# the app's context and on its stack, it is refused (-EINVAL) as a probe on
# a user program's code would be
insmod /guest/modules/kprobe_example.ko symbol=kernel_clone && rmmod kprobe_example
expect kprobe_on_kernel_text $? 0
before=$(dmesg | wc -l)
insmod /guest/modules/kprobe_example.ko symbol=ukl_main 2>/dev/null
rc=$?
[ "$rc" -eq 0 ] && rmmod kprobe_example
dmesg | tail -n +$((before + 1)) >/tmp/kprobe-app.log
echo "# insmod on ukl_main: exit status $rc"
grep -e register_kprobe -e 'Planted kprobe' /tmp/kprobe-app.log | sed 's/^/# /'
[ "$rc" -ne 0 ]
expect kprobe_on_app_text_refused $? 0 grep -q "register_kprobe failed, returned -22" /tmp/kprobe-app.log

kernel_quiet no_kernel_warnings
exit $failed
