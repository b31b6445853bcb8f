# The C runtime corpus, run by the guest's init on the UKL kernel: every
# program once as a normal static musl program (/corpus/bin/NAME) and once
# as the UKL app (/UKL NAME, the programs linked in as one multi-call app),
# with the same arguments and input. Every program has the output it must
# give, exit status included, in /corpus/expect/NAME.out: the user form must
# give exactly that, and so must the UKL app, except where
# /corpus/limits/NAME.ukl pins a documented difference: then the UKL output
# must be exactly that. One KTAP report.
cd /tmp
set -- $(cat /corpus/list)
echo "KTAP version 1"
echo "1..$#"
n=0
failed=0

# mismatch WANT WHO GAVE DIRECTIVE: both outputs as diagnostics, then not ok
mismatch() {
	echo "# $name: expected"
	sed 's/^/#   /' "$1"
	echo "# $name: $2 gave"
	sed 's/^/#   /' "$3"
	echo "not ok $n $name$4"
	failed=$((failed + 1))
}
for name in "$@"; do
	n=$((n + 1))
	args=""
	[ -f "/corpus/args/$name" ] && args=$(cat "/corpus/args/$name")
	input=/dev/null
	[ -f "/corpus/stdin/$name" ] && input="/corpus/stdin/$name"
	eval "timeout 60 /corpus/bin/$name $args" <"$input" >/tmp/user.out 2>&1
	echo "exit $?" >>/tmp/user.out
	eval "timeout 60 /UKL $name $args" <"$input" >/tmp/ukl.out 2>&1
	echo "exit $?" >>/tmp/ukl.out
	expect="/corpus/expect/$name.out"
	want="$expect"
	note=""
	if [ -f "/corpus/limits/$name.ukl" ]; then
		want="/corpus/limits/$name.ukl"
		note=" # documented limit: UKL output pinned"
	fi
	if ! cmp -s "$expect" /tmp/user.out; then
		mismatch "$expect" "user form" /tmp/user.out " (the user form does not give guest/corpus/expect/$name.out)"
	elif cmp -s "$want" /tmp/ukl.out; then
		echo "ok $n $name$note"
	else
		mismatch "$want" "UKL app" /tmp/ukl.out ""
	fi
done
exit $failed
