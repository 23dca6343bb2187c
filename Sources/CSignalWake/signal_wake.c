#include "signal_wake.h"

#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

static int wake_fd = -1;
static struct sigaction previous_actions[2];

static void wake_after_previous_handler(int signal_number) {
    struct sigaction *previous = &previous_actions[signal_number == SIGINT ? 0 : 1];
    if (previous->sa_flags & SA_SIGINFO) {
        if (previous->sa_sigaction) previous->sa_sigaction(signal_number, NULL, NULL);
    } else if (previous->sa_handler == SIG_DFL) {
        // Nobody handled it before: the default (the process ends).
        sigaction(signal_number, previous, NULL);
        raise(signal_number);
        return;
    } else if (previous->sa_handler != SIG_IGN) {
        previous->sa_handler(signal_number);
    }
    uint64_t one = 1;
    ssize_t written = write(wake_fd, &one, sizeof one);
    (void)written;
}

void signal_wake_on_termination(int fd) {
    if (wake_fd >= 0) return;
    wake_fd = fd;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = wake_after_previous_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, &previous_actions[0]);
    sigaction(SIGTERM, &action, &previous_actions[1]);
}
