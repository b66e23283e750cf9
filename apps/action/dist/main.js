import {createRequire}from'node:module';createRequire(import.meta.url);
async function o(){}await o();