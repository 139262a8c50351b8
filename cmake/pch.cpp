// The object the precompiled-header targets of cmake/MeshDeskPch.cmake compile.
