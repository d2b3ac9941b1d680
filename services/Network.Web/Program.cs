using Network.ServiceDefaults;
using Network.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(WebFrontEnd.Name);
builder.AddWebServices();

var app = builder.Build();
app.UseWebFrontEnd();
app.UseServiceDefaults();
app.MapWebFrontEnd();
app.Run();

public partial class Program;
