// Linked into every executable of a sanitized build (CMake option COPK_SANITIZE) and into nothing else.
//
// Why: Mesa (libGLX_mesa, the gallium/llvmpipe driver) is loaded with dlopen() by libglvnd and unloaded with
// dlclose() when GLFW closes the display. Memory that those libraries still point to from their globals
// becomes unreachable the moment they are unloaded, so LeakSanitizer's check at exit reported it as a leak
// from "<unknown module>": neither a real leak nor one a suppression could name. Keeping every library
// mapped until the process exits (the OS frees it all then anyway) leaves that memory reachable, and any
// real leak inside a library is reported with the library's name, so tests/sanitizer/lsan.supp can name it.
extern "C" int dlclose(void* handle) {
    (void)handle;
    return 0;
}
