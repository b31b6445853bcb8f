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
# Jobs start once timekeeping is final. The kernel boots on tsc-early and moves
# to the calibrated clocksource about a second later (later still on a busy
# host); high-resolution timers start on the tick after that. A job that ran
# across that switch would see two different clocks, so wait for the kernel
# to say it happened (bounded: a guest where it never happens goes on after
# 60 s of guest time and says so).
timekeeping_final() {
	case "$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource 2>/dev/null)" in
	"" | tsc-early | jiffies | refined-jiffies) return 1 ;;
	esac
	! grep -q "hres_active *: 0" /proc/timer_list 2>/dev/null
}
i=0
while ! timekeeping_final; do
	if [ $i -ge 1200 ]; then
		echo "ukl-guest: timekeeping not final after 60 s: $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)"
		break
	fi
	usleep 50000
	i=$((i + 1))
done
echo "ukl-guest: userspace up (clocksource $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource))"
sh /etc/ukl/job
status=$?
echo "ukl-guest: job finished with status $status"
/bin/qemu-exit "$status"
# Without the exit device the kernel would panic when init returns.
exec sleep 1000000
