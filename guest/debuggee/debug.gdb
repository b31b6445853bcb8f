# The script RunCommandIT runs in both forms (ukl run guest/debuggee --gdb-batch debug.gdb):
# the same transcript, addresses and the process id aside.
hbreak square
continue
bt
finish
next
next
print total
delete 1
watch total
continue
continue
delete 2
continue
