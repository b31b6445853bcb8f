# The echo-server benchmark, run by the guest's init (ukl bench echo):
# SERVER (the sample echo server, /UKL or its user program) serves on 5555
# while the plugin counts every guest instruction in two windows, each
# closed when the host connects to port 6000: an empty one (what the
# markers and the trigger cost) and one around the host's requests.
cd /tmp
M=/guest/tools/profile-mark
$SERVER 5555 >/tmp/server.out 2>&1 &
pid=$!
sleep 1
echo "# bench-echo: calibrate"
$M group
$M on
nc -l -p 6000 </dev/null >/dev/null
$M off
echo "# bench-echo: load"
$M group
$M on
nc -l -p 6000 </dev/null >/dev/null
$M off
echo "# bench-echo: done"
kill $pid
wait $pid
grep -q "listening" /tmp/server.out && echo "# bench-echo: server was listening"
