#ifndef INCLUSIONMAP_CSDL2_SHIM_H
#define INCLUSIONMAP_CSDL2_SHIM_H
#include <SDL.h>
#include <SDL_ttf.h>
#include <SDL_image.h>

/// Macros that Swift cannot import (casts, function-like), as constants.
static const Uint32 CSDL_TOUCH_MOUSEID = SDL_TOUCH_MOUSEID;
static const Sint64 CSDL_MOUSE_TOUCHID = SDL_MOUSE_TOUCHID;
static const int CSDL_WINDOWPOS_CENTERED = SDL_WINDOWPOS_CENTERED;
static const Uint32 CSDL_PIXELFORMAT_ABGR8888 = SDL_PIXELFORMAT_ABGR8888;
static const Uint32 CSDL_PIXELFORMAT_ARGB8888 = SDL_PIXELFORMAT_ARGB8888;
#endif
