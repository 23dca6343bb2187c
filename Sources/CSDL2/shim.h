#ifndef INCLUSIONMAP_CSDL2_SHIM_H
#define INCLUSIONMAP_CSDL2_SHIM_H
#include <SDL.h>
#include <SDL_ttf.h>
#include <SDL_image.h>
#include <malloc.h>
#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <dirent.h>

/// glibc's malloc_trim(0): gives the free pages of every heap back to the system. The tile
/// worker calls it when it runs out of work (its per-tile scratch lists are freed by then).
static inline void csdl_release_free_memory(void) { malloc_trim(0); }

/// Sets the calling thread's nice value (Linux keeps one a thread). Returns 0, or -1 (errno set).
static inline int csdl_set_thread_nice(int nice) {
    return setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), nice);
}

/// Names the calling thread for the system (top -H, ps, perf; 15 characters at most). Foundation's
/// `Thread.name` does not reach the kernel on Linux.
int pthread_setname_np(pthread_t thread, const char *name);
static inline void csdl_name_thread(const char *name) { pthread_setname_np(pthread_self(), name); }

/// Macros that Swift cannot import (casts, function-like), as constants.
static const Uint32 CSDL_TOUCH_MOUSEID = SDL_TOUCH_MOUSEID;
static const Sint64 CSDL_MOUSE_TOUCHID = SDL_MOUSE_TOUCHID;
static const int CSDL_WINDOWPOS_CENTERED = SDL_WINDOWPOS_CENTERED;
static const Uint32 CSDL_PIXELFORMAT_ABGR8888 = SDL_PIXELFORMAT_ABGR8888;
static const Uint32 CSDL_PIXELFORMAT_ARGB8888 = SDL_PIXELFORMAT_ARGB8888;
#endif
