# A plain Java program (guest/java/plain) as a static user program and as
# the UKL app: the outputs must be identical. One KTAP report.
cd /tmp
echo "KTAP version 1"
echo "1..2"
/apps/java-plain >/tmp/user.out 2>&1
echo "exit $?" >>/tmp/user.out
/UKL >/tmp/ukl.out 2>&1
echo "exit $?" >>/tmp/ukl.out
sed 's/^/# ukl: /' /tmp/ukl.out
failed=0
if grep -q '^done$' /tmp/user.out && grep -q '^exit 0$' /tmp/user.out; then
	echo "ok 1 user_form_completes"
else
	sed 's/^/# user: /' /tmp/user.out
	echo "not ok 1 user_form_completes"
	failed=1
fi
if cmp -s /tmp/user.out /tmp/ukl.out; then
	echo "ok 2 ukl_output_identical"
else
	sed 's/^/# user: /' /tmp/user.out
	echo "not ok 2 ukl_output_identical"
	failed=$((failed + 1))
fi
exit $failed
