/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The C side of the UKL system API for Java apps (dev.ukl.sys). Each
 * function is a thin call into the C runtime: in a UKL app that is a call
 * of the kernel entry, in the user program the ordinary syscall path.
 * Results are the kernel's: >= 0, or -errno.
 */
#ifndef UKL_SYS_H
#define UKL_SYS_H

#include <stdint.h>

int32_t ukl_sys_cpl(void);
void ukl_sys_exit(int32_t status);
int64_t ukl_sys_rdtsc(void);
int64_t ukl_sys_syscall(int64_t nr, int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, int64_t a6);
int32_t ukl_sys_read(int32_t fd, void *buf, int32_t len);
int32_t ukl_sys_write(int32_t fd, void *buf, int32_t len);
int32_t ukl_sys_close(int32_t fd);
int32_t ukl_sys_pipe(void *fds);
int32_t ukl_sys_tcp_listen(int32_t port, int32_t backlog);
int32_t ukl_sys_tcp_connect(int32_t port);
int32_t ukl_sys_accept(int32_t fd);
int32_t ukl_sys_set_nonblocking(int32_t fd);
int32_t ukl_sys_epoll_create(void);
int32_t ukl_sys_epoll_ctl(int32_t epfd, int32_t op, int32_t fd, int32_t events);
int32_t ukl_sys_epoll_wait(int32_t epfd, void *fds, void *events, int32_t max, int32_t timeout);

#endif
