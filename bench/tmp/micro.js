const which=process.argv[2];const N=Number(process.argv[3]||200);
const cdk=require('aws-cdk-lib');const {aws_iam:iam,aws_ecr:ecr,aws_logs:logs}=cdk;const {Construct}=require('constructs');
const app=new cdk.App({outdir:require('fs').mkdtempSync('/tmp/micro-')});
const stacks=[];for(let k=0;k<4;k++)stacks.push(new cdk.Stack(app,'S'+k,{env:{account:'123456789012',region:'us-east-1'}}));
const mk={
 roleL2:(s,i)=>{const r=new iam.Role(s,'R'+i,{assumedBy:new iam.ServicePrincipal('ec2.amazonaws.com'),managedPolicies:[iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')]}); new cdk.CfnResource(s,'U'+i,{type:'X::Y::Z',properties:{A:r.roleArn,B:r.roleName}});},
 roleL1:(s,i)=>{const r=new iam.CfnRole(new Construct(s,'R'+i),'Resource',{assumeRolePolicyDocument:{Statement:[{Action:'sts:AssumeRole',Effect:'Allow',Principal:{Service:'ec2.amazonaws.com'}}],Version:'2012-10-17'},managedPolicyArns:[cdk.Fn.join('',['arn:',cdk.Aws.PARTITION,':iam::aws:policy/AmazonSSMManagedInstanceCore'])]}); new cdk.CfnResource(s,'U'+i,{type:'X::Y::Z',properties:{A:r.attrArn,B:r.ref}});},
 repoL2:(s,i)=>{const r=new ecr.Repository(s,'R'+i,{imageScanOnPush:true,lifecycleRules:[{description:'Keep',maxImageCount:50}],removalPolicy:cdk.RemovalPolicy.RETAIN}); new cdk.CfnResource(s,'U'+i,{type:'X::Y::Z',properties:{A:r.repositoryArn,B:r.repositoryName}});},
 repoL1:(s,i)=>{const r=new ecr.CfnRepository(new Construct(s,'R'+i),'Resource',{imageScanningConfiguration:{scanOnPush:true},lifecyclePolicy:{lifecyclePolicyText:'{"rules":[]}'}}); r.applyRemovalPolicy(cdk.RemovalPolicy.RETAIN); new cdk.CfnResource(s,'U'+i,{type:'X::Y::Z',properties:{A:r.attrArn,B:r.ref}});},
 logL2:(s,i)=>{const r=new logs.LogGroup(s,'R'+i,{logGroupName:'abc'+i,retention:365,removalPolicy:cdk.RemovalPolicy.RETAIN}); new cdk.CfnResource(s,'U'+i,{type:'X::Y::Z',properties:{B:r.logGroupName}});},
 logL1:(s,i)=>{const r=new logs.CfnLogGroup(new Construct(s,'R'+i),'Resource',{logGroupName:'abc'+i,retentionInDays:365}); r.applyRemovalPolicy(cdk.RemovalPolicy.RETAIN); new cdk.CfnResource(s,'U'+i,{type:'X::Y::Z',properties:{B:r.ref}});},
 ipL2:(s,i)=>{const role=iam.Role.fromRoleName(s,'RR'+i,'x'+i); const r=new iam.InstanceProfile(s,'R'+i,{role}); new cdk.CfnResource(s,'U'+i,{type:'X::Y::Z',properties:{B:r.instanceProfileName}});},
 ipL1:(s,i)=>{const role=iam.Role.fromRoleName(s,'RR'+i,'x'+i); const r=new iam.CfnInstanceProfile(new Construct(s,'R'+i),'Resource',{roles:[role.roleName]}); new cdk.CfnResource(s,'U'+i,{type:'X::Y::Z',properties:{B:r.ref}});},
 none:(s,i)=>{new cdk.CfnResource(s,'U'+i,{type:'X::Y::Z',properties:{B:'x'}});},
}[which];
for(let i=0;i<N;i++)mk(stacks[i%4],i);
app.synth();
const u=process.resourceUsage();console.log(which,((u.userCPUTime+u.systemCPUTime)/1000).toFixed(0));
