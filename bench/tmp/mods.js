const which=process.argv[2];const cdk=require('aws-cdk-lib');
const before=new Set(Object.keys(require.cache));
if(which==='lib'){require(process.env.L)} else {const impl=require(`../cases/${which}.js`);const app=new cdk.App();const s=new cdk.Stack(app,'B',{env:{account:'123456789012',region:'us-east-1'}});impl.addPipeline(s,0);app.synth();}
const fs=require('fs');const added=Object.keys(require.cache).filter(k=>!before.has(k));
const agg=new Map();let tot=0;for(const k of added){const sz=fs.statSync(k).size;tot+=sz;const g=k.replace(/.*node_modules\//,'').replace(/^(aws-cdk-lib\/[^/]+).*/,'$1').replace(/^(cdk-imagebuilder).*/,'$1');agg.set(g,(agg.get(g)||0)+sz);}
console.log(which,added.length,'files',(tot/1024).toFixed(0),'KB');for(const [k,v] of [...agg].sort((a,b)=>b[1]-a[1]).slice(0,20))console.log('  ',(v/1024).toFixed(0).padStart(6),k);
