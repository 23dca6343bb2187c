#ifndef INCLUSIONMAP_SIGNAL_WAKE_H
#define INCLUSIONMAP_SIGNAL_WAKE_H

/// Wakes a sleeping render loop when SIGTERM or SIGINT arrives, on whichever thread the kernel
/// delivers it: the handler already in place (SDL's, which queues a quit event) runs first, then
/// one write to `fd` (an eventfd) ends the loop's poll(2). Call once, after SDL_Init.
void signal_wake_on_termination(int fd);

#endif
