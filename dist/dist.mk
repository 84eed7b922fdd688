# SPDX-License-Identifier: MIT
# Installation (make install / uninstall) and the single-header build
# (make single-header), with their check steps.
#   make install PREFIX=/usr/local DESTDIR=   (PREFIX is what aceh.pc says;
#   DESTDIR only stages the files, for packaging)

bindir       ?= $(PREFIX)/bin
libdir       ?= $(PREFIX)/lib
includedir   ?= $(PREFIX)/include
mandir       ?= $(PREFIX)/share/man
pkgconfigdir ?= $(libdir)/pkgconfig
INSTALL      ?= install

# The installed files, relative to $(DESTDIR); uninstall removes exactly these.
INSTALLED = $(includedir)/aceh.h $(libdir)/libaceh.a \
            $(libdir)/libaceh.so.$(VERSION) $(libdir)/$(SONAME) \
            $(libdir)/libaceh.so $(pkgconfigdir)/aceh.pc $(bindir)/aceh \
            $(mandir)/man1/aceh.1

# A real install or uninstall (no DESTDIR) refreshes the loader cache, or
# programs linked to the new libaceh.so.N do not find it in /usr/local/lib.
LDCONFIG = if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && command -v ldconfig >/dev/null 2>&1; \
           then echo ldconfig; ldconfig; fi

# aceh.pc is made at install time, not taken from $(BUILD)/aceh.pc: that
# one keeps the PREFIX of the build, and `make install PREFIX=/opt` after
# a plain `make` would install a .pc pointing at /usr/local. A libdir or
# includedir set apart from PREFIX replaces the template's line.
install: $(LIB_HDR) $(BUILD)/libaceh.a $(BUILD)/libaceh.so.$(VERSION) $(BUILD)/aceh cli/aceh.1
	@mkdir -p $(BUILD)/dist
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' \
	    $(if $(filter-out $(PREFIX)/lib,$(libdir)),-e 's|^libdir=.*|libdir=$(libdir)|') \
	    $(if $(filter-out $(PREFIX)/include,$(includedir)),-e 's|^includedir=.*|includedir=$(includedir)|') \
	    aceh.pc.in > $(BUILD)/dist/aceh.pc
	$(INSTALL) -d $(DESTDIR)$(includedir) $(DESTDIR)$(libdir) $(DESTDIR)$(pkgconfigdir) \
	    $(DESTDIR)$(bindir) $(DESTDIR)$(mandir)/man1
	$(INSTALL) -m 644 $(LIB_HDR) $(DESTDIR)$(includedir)/aceh.h
	$(INSTALL) -m 644 $(BUILD)/libaceh.a $(DESTDIR)$(libdir)/libaceh.a
	$(INSTALL) -m 755 $(BUILD)/libaceh.so.$(VERSION) $(DESTDIR)$(libdir)/libaceh.so.$(VERSION)
	ln -sf libaceh.so.$(VERSION) $(DESTDIR)$(libdir)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(libdir)/libaceh.so
	$(INSTALL) -m 644 $(BUILD)/dist/aceh.pc $(DESTDIR)$(pkgconfigdir)/aceh.pc
	$(INSTALL) -m 755 $(BUILD)/aceh $(DESTDIR)$(bindir)/aceh
	$(INSTALL) -m 644 cli/aceh.1 $(DESTDIR)$(mandir)/man1/aceh.1
	@$(LDCONFIG)

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	@$(LDCONFIG)

# The install test runs make itself, but a recipe that names $(MAKE) runs
# even under make -n: it gets the program through a variable of its own.
INSTALL_TEST_MAKE = $(MAKE)

# Install into a scratch DESTDIR, build and run an example against it with
# pkg-config (static and shared), run the command, read the man page,
# uninstall and check nothing is left.
install-test: $(BUILD)/libaceh.a $(BUILD)/libaceh.so.$(VERSION) $(BUILD)/aceh cli/aceh.1
	@MAKE='$(INSTALL_TEST_MAKE)' CC='$(CC)' WARN='$(WARN)' VERSION='$(VERSION)' SONAME='$(SONAME)' \
	    sh dist/test/install-test.sh $(BUILD)

# ------------------------------------------------------------------------
# Single header (stb style), generated from parser/ so it cannot drift.
# ------------------------------------------------------------------------
SINGLE_HDR := $(BUILD)/single/aceh.h

single-header: $(SINGLE_HDR)

$(SINGLE_HDR): dist/single-header.sh $(LIB_HDR) $(LIB_SRC)
	@mkdir -p $(@D)
	sh dist/single-header.sh $(LIB_HDR) $(LIB_SRC) > $@.tmp
	mv $@.tmp $@

# The unit suite against the single header (shared implementation TU and
# private ACEH_STATIC copy), two files with their own static copies, the
# declarations from C++; gcc and clang, warnings as errors.
single-header-test: $(SINGLE_HDR) $(BUILD)/libaceh.a
	@WARN='$(WARN)' CFLAGS='$(CFLAGS)' CHECK_CFLAGS='$(CHECK_CFLAGS)' CHECK_LIBS='$(CHECK_LIBS)' \
	    UNIT_SRC='$(UNIT_SRC)' \
	    sh dist/test/single-header-test.sh $(BUILD)

# The examples of README_EXAMPLES run as shown (see dist/test/readme-test.sh).
README_EXAMPLES ?= README.md

readme-test: $(BUILD)/aceh
	@sh dist/test/readme-test.sh $(BUILD) $(README_EXAMPLES)

.PHONY: install uninstall install-test single-header single-header-test readme-test

# CMake and Meson consumers: add_subdirectory, FetchContent, find_package
# after `cmake --install` (static and shared), the installed aceh.pc, a
# Meson subproject (dist/test/consumer-test.sh).
consumer-test:
	@VERSION='$(VERSION)' SONAME='$(SONAME)' CC='$(CC)' \
	    sh dist/test/consumer-test.sh $(BUILD)

.PHONY: consumer-test
