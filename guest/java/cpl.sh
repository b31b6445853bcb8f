# A guest test written in Java (guest/java/cpl): KTAP from the user form at
# CPL 3 and from the UKL app at CPL 0, nested as subtests.
cd /tmp
echo "KTAP version 1"
echo "1..2"
failed=0
sub() {
	name=$1
	shift
	"$@" >/tmp/sub.out 2>&1
	rc=$?
	sed 's/^/    /' /tmp/sub.out
	if [ "$rc" -eq 0 ]; then
		echo "ok $n $name"
	else
		echo "not ok $n $name # exit status $rc"
		failed=$((failed + 1))
	fi
}
n=1
sub java_user_form /apps/java-cpl 3
n=2
sub java_ukl /UKL 0
exit $failed
