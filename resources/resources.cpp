// The icon resources are compiled into this library's object files by qt_add_resources;
// this translation unit gives the static library a symbol of its own.
namespace md {
int resourcesLibraryVersion()
{
    return 1;
}
} // namespace md
