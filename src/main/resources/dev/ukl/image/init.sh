#!/bin/busybox sh
# Guest init, written into every initramfs by ukl: sets up a small normal
# userspace, runs the job ukl put in /etc/ukl/job, and ends the VM with the
# job's exit status through QEMU's isa-debug-exit device.
/bin/busybox --install -s /bin
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs tmpfs /tmp
ip link set lo up
if ip link show eth0 >/dev/null 2>&1; then
	ip addr add 10.0.2.15/24 dev eth0
	ip link set eth0 up
	ip route add default via 10.0.2.2
fi
echo "ukl-guest: userspace up"
sh /etc/ukl/job
status=$?
echo "ukl-guest: job finished with status $status"
/bin/qemu-exit "$status"
# Without the exit device the kernel would panic when init returns.
exec sleep 1000000
