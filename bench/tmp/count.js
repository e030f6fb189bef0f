let n=0;const o=Error.captureStackTrace;const by=new Map();
Error.captureStackTrace=function(obj,fn){n++;const k=(fn&&fn.name)||'?';by.set(k,(by.get(k)||0)+1);return o.apply(this,arguments)};
process.on('exit',()=>{console.error('captureStackTrace',n,[...by].sort((a,b)=>b[1]-a[1]).slice(0,8))});
