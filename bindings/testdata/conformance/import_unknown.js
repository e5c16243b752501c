// import_unknown.js — scripts have no file system and no packages: importing
// anything but '@bitrix24/b24jssdk' fails to compile, naming the module.
// b24test: compile-error='import_unknown.js:5:30: cannot import "fs"'

import { readFileSync } from 'fs';

console.log(readFileSync('/etc/passwd'));
